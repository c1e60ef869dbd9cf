"""The one function that decides whether a user may start an application.

Everything that opens an application (start pages, the application's pages through
`application_required`, its API routes through `aftersales.api.auth.require_application`) asks
`application_access`. Rules beyond the verified organisation (billing's ticket rule) plug in
through `aftersales.catalogue.decisions.access_rule_register`; the catalogue imports none of them.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from aftersales import clock

from . import codes
from .decisions import ALLOWED, AccessDecision, access_rules
from .membership import verified_member_violation
from .models import Application

if TYPE_CHECKING:
    from aftersales.accounts.models import User

__all__ = ["AccessDecision", "application_access"]


def application_access(
    *, user: User, application: Application, at: datetime | None = None
) -> AccessDecision:
    at = at or clock.now()
    violation = verified_member_violation(user)
    if violation is not None:
        return AccessDecision(False, violation.code, violation.message)
    organisation = user.organisation
    assert organisation is not None  # checked by verified_member_violation
    if application.maintenance:
        # Pages and API alike: nothing is read or stored while the operator works on it.
        return AccessDecision(
            False,
            codes.UNDER_MAINTENANCE,
            application.maintenance_message or _("The application is under maintenance."),
        )
    # Evaluated on every request of a running application: when a ticket expires, the next
    # request is refused (code ACCESS-0005, with a link to book a new one).
    granted = ALLOWED
    for rule in access_rules():
        decision = rule(organisation, application, at)
        if not decision.allowed:
            return decision
        if decision.valid_until is not None:
            granted = decision  # the page shows until when the ticket runs
    return granted
