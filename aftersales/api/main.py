"""API v1: one NinjaAPI, its routers, its error documents and its OpenAPI description."""

from __future__ import annotations

from importlib import import_module
from typing import Any

from ninja import NinjaAPI

from . import problems
from .auth import TokenAuth, TokenRateThrottle
from .common import VIN_PATTERN
from .docs import OfflineSwagger

DESCRIPTION = """
The open API of Aftersales for dealer-management systems and the diagnosis tool. It does what
the Service history pages do, under the same rules (the same service functions run behind both).

**Authentication.** Create a token under *My data → API tokens* and send it as
`Authorization: Bearer as_…`. The token acts as its user: the user's organisation, access
rights and tickets apply. A *read* token may call every GET operation; writes need a token
with the scope *write* (else 403 `API-0403`). A missing, unknown or revoked token gets 401
`API-0401`.

**Devices.** A key reader in the service reception sends its reads (`POST /key-reads`) with a
*key-reader device token*, made by the organisation administrator under *KeyReader → Key
readers* (or by the operator). It acts for that administrator's organisation and may do
nothing else; every other operation refuses it with 403 `API-0013`.

**Errors** are `application/problem+json` (RFC 9457) with `type`, `title`, `status`,
`detail`, `instance` and a stable `code`: the rule codes of the services (`IPL-0051` for a
mileage that is not only digits, `SH-00xx` for the other service entry rules, `VIN-000x` for
the VIN entry), `API-xxxx` for the API's own errors and `ACCESS-xxxx` when the user may not
use the application (e.g. `ACCESS-0003` organisation not verified, `ACCESS-0004` ticket needed).
`field` names the input to blame; validation errors (`API-0001`) list every field in `errors`.
The list of codes: [/api/problems/](/api/problems/).

**Idempotency.** `POST …/service-entries` and `POST …/fault-reports` take an `Idempotency-Key`
header (1-255 printable characters). The same key with the same body returns the first result
again (same status and body, header `Idempotent-Replayed: true`) for 24 hours; the same key
with another body is refused with 422 `API-0004`.

**Desktop tools.** Diagnosis and Programming run as desktop tools. Start (on the application's
start page) issues a short-lived signed licence; the tool starts a session with it
(`POST /tool-sessions`, no API token), gets the session's token, sends heartbeats, names the
vehicle it works on and ends the session. A transfer of service entries to the vehicle is
confirmed with the token of an open session working on that vehicle.

**Rate limit.** Each token may send a limited number of requests per period (default 120 a
minute); above it the answer is 429 `API-0429` with a `Retry-After` header in seconds.

**Language.** Messages follow `Accept-Language` (en, da, de), else the user's preferred language.
"""

COMMON_ERRORS = {
    "401": "Missing, unknown or revoked API token (API-0401).",
    "422": "The request does not match this description (API-0001) or breaks a rule.",
    "429": "Rate limit of the token exceeded (API-0429); see Retry-After.",
    "500": "Unexpected error (API-0500); it has been logged.",
}
ERROR_DESCRIPTIONS = {
    "400": "The body is not valid JSON (API-0002), or the request has more than 1,000 "
    "query or form fields (API-0009).",
    "403": "The token may not write (API-0403), or the user may not use the application "
    "(ACCESS-xxxx), or a rule refuses it (e.g. SH-0050).",
    "404": "Not found (API-0404, VIN-0002).",
    "409": "Conflict with the current state (API-0003 ambiguous vehicle, SH-0051/52/53).",
    "413": "The body or a part of it is too large (API-0413; KR-0001 raw read-out above 64 kB).",
    "503": "The application is not available in this portal (API-0007).",
    **COMMON_ERRORS,
}


class AftersalesAPI(NinjaAPI):
    def get_openapi_schema(self, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(**kwargs)
        problem_ref = {"$ref": "#/components/schemas/Problem"}
        for path_item in schema.get("paths", {}).values():
            for operation in path_item.values():
                if not isinstance(operation, dict) or "responses" not in operation:
                    continue
                for parameter in operation.get("parameters", []):
                    if parameter.get("in") == "path" and parameter.get("name") == "vin":
                        parameter["schema"]["pattern"] = VIN_PATTERN
                # ninja keys the responses by int; JSON keys are strings: one key per status.
                responses = {str(status): value for status, value in operation["responses"].items()}
                operation["responses"] = responses
                for status in COMMON_ERRORS:
                    responses.setdefault(status, {})
                if "requestBody" in operation:
                    responses.setdefault("400", {})
                for status, response in responses.items():
                    if str(status)[0] in "45":
                        response["description"] = ERROR_DESCRIPTIONS.get(
                            str(status), response.get("description") or "Error"
                        )
                        response["content"] = {
                            problems.PROBLEM_CONTENT_TYPE: {"schema": problem_ref}
                        }
        return schema


def build_api() -> AftersalesAPI:
    from aftersales.catalogue.registry import BUILT_APPLICATIONS

    from .endpoints import account

    api = AftersalesAPI(
        title="Aftersales API",
        version="1.0.0",
        description=DESCRIPTION,
        urls_namespace="api:v1",
        auth=TokenAuth(),
        throttle=[TokenRateThrottle()],
        docs=OfflineSwagger(),
        docs_url="/docs",
        openapi_url="/openapi.json",
    )
    problems.register_exception_handlers(api)
    # Each built application's routes (its api.py `router`), under its tag.
    for app in BUILT_APPLICATIONS:
        if app.api_tag:
            module = import_module(f"{app.package}.api")
            api.add_router("", module.router, tags=[app.api_tag])
    api.add_router("/me", account.router, tags=["Account"])
    # Portal features beside the applications: certificates, verified by anyone by code.
    from aftersales.certificates.api import router as certificates

    api.add_router("", certificates, tags=["Certificates"])
    # The desktop tools' sessions (Diagnosis, Programming), started with a licence.
    from aftersales.tools.api import router as tool_sessions

    api.add_router("", tool_sessions, tags=["Tool sessions"])
    return api


api = build_api()
