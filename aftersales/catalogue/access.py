"""The one function that decides whether a user may start an application.

Everything that opens an application (start pages, the application's own views, the API)
asks `application_access`; the billing app adds the ticket rule here, nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from aftersales import clock

from .models import Application

if TYPE_CHECKING:
    from aftersales.accounts.models import User


@dataclass(frozen=True)
class AccessDecision:
    allowed: bool
    code: str = "ok"
    reason: str = ""
    # Ticket rule: where to book a ticket (when the code is ticket_required / ticket_expired),
    # and until when the ticket that grants access is valid.
    book_url: str = ""
    valid_until: datetime | None = None


TICKET_CODES = ("ticket_required", "ticket_expired")


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
    if application.requires_ticket:
        # Evaluated on every request of a running application: when the ticket expires, the
        # next request is refused with code "ticket_expired" and a link to book a new one.
        from aftersales.billing.access import ticket_decision

        return ticket_decision(organisation=organisation, application=application, at=at)
    return AccessDecision(True)
