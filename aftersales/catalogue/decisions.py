"""What `application_access` answers, and the interface through which other apps add a rule.

Kept apart from access.py so that an app adding a rule (billing adds the ticket rule) imports
only this module, and the catalogue never imports that app.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from django.db import models

from aftersales.portal.shared_cache import invalidate_on

if TYPE_CHECKING:
    from aftersales.accounts.models import Organisation, User

    from .models import Application


@dataclass(frozen=True)
class AccessDecision:
    allowed: bool
    code: str = "ok"
    reason: str = ""
    # Ticket rule: where to book a ticket (when the code is ACCESS-0004 / ACCESS-0005),
    # and until when the ticket that grants access is valid.
    book_url: str = ""
    valid_until: datetime | None = None


ALLOWED = AccessDecision(True)

# A rule sees a verified organisation and the application and returns a decision; the first
# refusal wins. Rules are registered in their app's AppConfig.ready().
AccessRule = Callable[["Organisation", "Application", datetime], AccessDecision]
_RULES: list[AccessRule] = []
_UNDECLARED: list[AccessRule] = []


def access_rule_register(
    rule: AccessRule, *, depends_on: Iterable[type[models.Model]] | None = None
) -> None:
    """`depends_on`: every model whose rows the rule reads (for a many-to-many relation, its
    table, `Model.field.through`). The rules' joint answer for an organisation and application
    is then kept in the shared cache until one of them changes (aftersales/portal/
    shared_cache.py); a rule that does not name them is asked on every request."""
    if rule in _RULES:
        return
    _RULES.append(rule)
    if depends_on is None:
        _UNDECLARED.append(rule)
    else:
        invalidate_on("access", *depends_on)


def access_rules() -> tuple[AccessRule, ...]:
    return tuple(_RULES)


def access_rules_cacheable() -> bool:
    """Whether every registered rule named what it depends on."""
    return not _UNDECLARED


# Security-related functions and content (SERMI): a rule about the person (an authorisation, a
# second factor) and who records each access. aftersales.sermi registers both; without a rule,
# security-related access is refused (access.security_decision).
SecurityRule = Callable[["User", datetime], AccessDecision]
SecurityRecorder = Callable[..., None]  # (user=, what=, vin=, application=, at=)
_SECURITY_RULES: list[SecurityRule] = []
_SECURITY_RECORDERS: list[SecurityRecorder] = []


def security_rule_register(rule: SecurityRule) -> None:
    if rule not in _SECURITY_RULES:
        _SECURITY_RULES.append(rule)


def security_rules() -> tuple[SecurityRule, ...]:
    return tuple(_SECURITY_RULES)


def security_recorder_register(recorder: SecurityRecorder) -> None:
    if recorder not in _SECURITY_RECORDERS:
        _SECURITY_RECORDERS.append(recorder)


def security_recorders() -> tuple[SecurityRecorder, ...]:
    return tuple(_SECURITY_RECORDERS)
