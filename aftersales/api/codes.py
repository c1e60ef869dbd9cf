"""The stable problem codes of the API itself (rule codes of other apps, e.g. IPL-0051 or
VIN-0001, travel unchanged from their RuleViolation). Each code has one HTTP status and title.
"""

from __future__ import annotations

VALIDATION = "API-0001"
MALFORMED_BODY = "API-0002"
VEHICLE_AMBIGUOUS = "API-0003"
IDEMPOTENCY_MISMATCH = "API-0004"
IDEMPOTENCY_IN_PROGRESS = "API-0005"
IDEMPOTENCY_KEY_INVALID = "API-0006"
APPLICATION_UNAVAILABLE = "API-0007"
FORBIDDEN = "API-0008"
TOKEN_NAME_MISSING = "API-0010"
TOKEN_SCOPE_INVALID = "API-0011"
TOKEN_LIMIT = "API-0012"
NOT_AUTHENTICATED = "API-0401"
WRITE_SCOPE_REQUIRED = "API-0403"
NOT_FOUND = "API-0404"
METHOD_NOT_ALLOWED = "API-0405"
RATE_LIMITED = "API-0429"
INTERNAL_ERROR = "API-0500"
# Access decisions of aftersales.catalogue.access.application_access become "ACCESS-<code>",
# e.g. ACCESS-organisation_not_verified (403).
ACCESS_PREFIX = "ACCESS-"

# code -> (status, title); titles stay English (RFC 9457: a short, stable summary).
CATALOGUE: dict[str, tuple[int, str]] = {
    VALIDATION: (422, "The request does not match the API description"),
    MALFORMED_BODY: (400, "The request body is not valid JSON"),
    VEHICLE_AMBIGUOUS: (409, "Several vehicles end in these 7 characters"),
    IDEMPOTENCY_MISMATCH: (422, "Idempotency-Key reused with another request"),
    IDEMPOTENCY_IN_PROGRESS: (409, "Request with this Idempotency-Key in progress"),
    IDEMPOTENCY_KEY_INVALID: (422, "Invalid Idempotency-Key"),
    APPLICATION_UNAVAILABLE: (503, "Application not available"),
    FORBIDDEN: (403, "Not allowed"),
    TOKEN_NAME_MISSING: (422, "Token name missing"),
    TOKEN_SCOPE_INVALID: (422, "Invalid token scope"),
    TOKEN_LIMIT: (422, "Too many active tokens"),
    NOT_AUTHENTICATED: (401, "Missing, unknown or revoked API token"),
    WRITE_SCOPE_REQUIRED: (403, "The token's scope does not allow writing"),
    NOT_FOUND: (404, "Not found"),
    METHOD_NOT_ALLOWED: (405, "Method not allowed"),
    RATE_LIMITED: (429, "Too many requests"),
    INTERNAL_ERROR: (500, "Internal server error"),
}
