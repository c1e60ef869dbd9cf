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

from .decisions import ALLOWED, AccessDecision, access_rules
from .models import Application

if TYPE_CHECKING:
    from aftersales.accounts.models import User

__all__ = ["AccessDecision", "application_access"]


def application_access(
    *, user: User, application: Application, at: datetime | None = None
) -> AccessDecision:
    at = at or clock.now()
    if not user.is_authenticated or not user.is_active:
        return AccessDecision(False, "not_logged_in", _("Please log on first."))
    organisation = user.organisation
    if organisation is None:
        return AccessDecision(
            False, "no_organisation", _("Your account does not belong to a workshop organisation.")
        )
    if not organisation.is_verified:
        return AccessDecision(
            False,
            "organisation_not_verified",
            _(
                "Your organisation has not been activated yet. We check the organisation data "
                "manually; this can take up to two working days."
            ),
        )
    # Evaluated on every request of a running application: when a ticket expires, the next
    # request is refused (code "ticket_expired", with a link to book a new one).
    granted = ALLOWED
    for rule in access_rules():
        decision = rule(organisation, application, at)
        if not decision.allowed:
            return decision
        if decision.valid_until is not None:
            granted = decision  # the page shows until when the ticket runs
    return granted
