"""The key django-axes counts failed logins under: the address as log-in reads it.

Log-in ignores case and surrounding spaces (UserManager.get_by_natural_key), so the lockout
must too; else every spelling of one address would get its own five attempts.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def lockout_username(request: HttpRequest, credentials: dict[str, Any] | None = None) -> str | None:
    field = settings.AXES_USERNAME_FORM_FIELD
    if credentials:
        raw = credentials.get(field)
    else:
        raw = getattr(request, "data", request.POST).get(field)
    return str(raw).strip().lower() if raw else None
