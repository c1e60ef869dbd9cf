"""The problem codes of the API itself (rule codes of other apps, e.g. IPL-0051, VIN-0001 or
ACCESS-0004, travel unchanged from their RuleViolation). Registered like every other code in
aftersales.portal.problems: one HTTP status, one title, one meaning each.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from aftersales.portal.problems import register

VALIDATION = register(
    "API-0001",
    status=422,
    title="The request does not match the API description",
    meaning=_(
        "A parameter or a field of the body is missing, has the wrong type or is not "
        "allowed; `errors` lists every field."
    ),
)
MALFORMED_BODY = register(
    "API-0002",
    status=400,
    title="The request body is not valid JSON",
    meaning=_("The request body is not valid JSON."),
)
VEHICLE_AMBIGUOUS = register(
    "API-0003",
    status=409,
    title="Several vehicles end in these 7 characters",
    meaning=_(
        "Several vehicles end in these 7 characters; `candidates` lists their VINs. Use the "
        "full VIN."
    ),
)
IDEMPOTENCY_MISMATCH = register(
    "API-0004",
    status=422,
    title="Idempotency-Key reused with another request",
    meaning=_("The Idempotency-Key was already used for a request with another body."),
)
IDEMPOTENCY_IN_PROGRESS = register(
    "API-0005",
    status=409,
    title="Request with this Idempotency-Key in progress",
    meaning=_("A request with this Idempotency-Key is still being processed."),
)
IDEMPOTENCY_KEY_INVALID = register(
    "API-0006",
    status=422,
    title="Invalid Idempotency-Key",
    meaning=_("The Idempotency-Key must have 1 to 255 printable ASCII characters."),
)
APPLICATION_UNAVAILABLE = register(
    "API-0007",
    status=503,
    title="Application not available",
    meaning=_("The application is not available in this portal."),
)
FORBIDDEN = register(
    "API-0008", status=403, title="Not allowed", meaning=_("The user may not do this.")
)
TOO_MANY_FIELDS = register(
    "API-0009",
    status=400,
    title="Too many fields",
    meaning=_(
        "The query string or the form has more fields (or files) than the portal accepts (1,000)."
    ),
)
TOKEN_NAME_MISSING = register(
    "API-0010",
    status=422,
    title="Token name missing",
    meaning=_("A new token needs a name."),
)
TOKEN_SCOPE_INVALID = register(
    "API-0011",
    status=422,
    title="Invalid token scope",
    meaning=_("A token's scope is either read or read and write."),
)
TOKEN_LIMIT = register(
    "API-0012",
    status=422,
    title="Too many active tokens",
    meaning=_("The user has as many active tokens as allowed; revoke one first."),
)
TOKEN_KIND = register(
    "API-0013",
    status=403,
    title="Wrong kind of token for this operation",
    meaning=_(
        "A key-reader device token may only send key reads (POST /key-reads), and sending key "
        "reads needs a key-reader device token."
    ),
)
DEVICE_TOKEN_NOT_ALLOWED = register(
    "API-0014",
    status=403,
    title="Device token not allowed",
    meaning=_(
        "Device tokens are made by an organisation administrator for their organisation, or by "
        "the operator for an organisation's administrator."
    ),
)
NOT_AUTHENTICATED = register(
    "API-0401",
    status=401,
    title="Missing, unknown or revoked API token",
    meaning=_("The request has no valid API token: 'Authorization: Bearer <token>'."),
)
WRITE_SCOPE_REQUIRED = register(
    "API-0403",
    status=403,
    title="The token's scope does not allow writing",
    meaning=_("Writing needs a token with the scope 'Read and write'."),
)
NOT_FOUND = register(
    "API-0404",
    status=404,
    title="Not found",
    meaning=_("The path or the object does not exist, or belongs to another organisation."),
)
PAYLOAD_TOO_LARGE = register(
    "API-0413",
    status=413,
    title="Request body too large",
    meaning=_("The request body is larger than the portal accepts."),
)
METHOD_NOT_ALLOWED = register(
    "API-0405",
    status=405,
    title="Method not allowed",
    meaning=_("The method is not allowed on this path; the header Allow lists those that are."),
)
RATE_LIMITED = register(
    "API-0429",
    status=429,
    title="Too many requests",
    meaning=_(
        "The token sent more requests than its rate limit allows; wait as long as Retry-After says."
    ),
)
INTERNAL_ERROR = register(
    "API-0500",
    status=500,
    title="Internal server error",
    meaning=_("An unexpected error occurred; it has been logged."),
)
