"""What `application_access` answers, and the interface through which other apps add a rule.

Kept apart from access.py so that an app adding a rule (billing adds the ticket rule) imports
only this module, and the catalogue never imports that app.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from aftersales.accounts.models import Organisation

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


def access_rule_register(rule: AccessRule) -> None:
    if rule not in _RULES:
        _RULES.append(rule)


def access_rules() -> tuple[AccessRule, ...]:
    return tuple(_RULES)
