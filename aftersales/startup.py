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


def run_command_or_exit(argv: list[str]) -> None:
    """manage.py: a database that cannot be reached is one line on stderr, not a traceback."""
    from django.core.management import execute_from_command_line
    from django.db import OperationalError

    try:
        execute_from_command_line(argv)
    except OperationalError as error:
        from aftersales.operations.release import database_description, first_line

        sys.exit(
            f"Aftersales: the database {database_description()} cannot be reached: "
            f"{first_line(error)} (check DATABASE_URL and that the server runs)"
        )
