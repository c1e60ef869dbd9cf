"""The problem codes of `access.application_access`: why a user may not start an application.

Pages show the decision's reason; the API answers 403 with the same code.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from aftersales.portal.problems import register

NOT_LOGGED_IN = register(
    "ACCESS-0001",
    status=403,
    title="Not logged in",
    meaning=_("The user is not logged in, or the account has been deactivated."),
)
NO_ORGANISATION = register(
    "ACCESS-0002",
    status=403,
    title="No workshop organisation",
    meaning=_("The user's account does not belong to a workshop organisation."),
)
ORGANISATION_NOT_VERIFIED = register(
    "ACCESS-0003",
    status=403,
    title="Organisation not verified",
    meaning=_("The operator has not verified the user's organisation yet."),
)
# The ticket rule (aftersales.billing.access); `book_url` links to booking a ticket.
TICKET_REQUIRED = register(
    "ACCESS-0004",
    status=403,
    title="Ticket required",
    meaning=_("The application needs a ticket, and the organisation has none for it."),
)
TICKET_EXPIRED = register(
    "ACCESS-0005",
    status=403,
    title="Ticket expired",
    meaning=_("The organisation's ticket for the application has expired."),
)
# The operator has set the application under maintenance: its pages and API are closed.
UNDER_MAINTENANCE = register(
    "ACCESS-0006",
    status=503,
    title="Application under maintenance",
    meaning=_("The operator has set the application under maintenance; try again later."),
)
# Security-related functions and content (aftersales.sermi registers the rule).
SECURITY_AUTHORISATION_REQUIRED = register(
    "ACCESS-0007",
    status=403,
    title="Security-related authorisation required",
    meaning=_(
        "The function or content is security-related (SERMI): only persons with a valid "
        "security-related authorisation reach it."
    ),
)
SECOND_FACTOR_REQUIRED = register(
    "ACCESS-0008",
    status=403,
    title="Second factor required",
    meaning=_(
        "Security-related functions and content need a log-on with a second factor "
        "(authenticator app or passkey)."
    ),
)
