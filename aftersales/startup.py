"""Loading the settings at start-up: a settings error is one line, not a traceback."""

from __future__ import annotations

import os
import sys

from django.core.exceptions import ImproperlyConfigured


def settings_or_exit() -> None:
    """Reads the settings now, so that a missing SECRET_KEY or a malformed variable stops the
    start with one line on stderr naming the variable (see .env.example)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "aftersales.settings")
    from django.conf import settings

    try:
        settings.INSTALLED_APPS  # noqa: B018 (the first access reads the settings module)
    except (ImproperlyConfigured, ValueError) as error:
        sys.exit(f"Aftersales settings: {error} (see .env.example)")
