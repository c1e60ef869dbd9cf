"""Every error of the API as application/problem+json (RFC 9457), with a stable `code`.

Domain rules raise `RuleViolation(code, message, field=...)` in the services; this module turns
those, and every error of django-ninja and Django, into one problem document: `type`, `title`
(the code's registered title, aftersales.portal.problems), `status`, `detail`, `instance`, plus
`code`, `field` and, for validation errors, `errors` (one item per field). Nothing here knows a
domain rule.
"""

from __future__ import annotations

import json
import logging
import math
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import (
    PermissionDenied,
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from ninja.errors import AuthenticationError, HttpError, Throttled
from ninja.errors import ValidationError as NinjaValidationError

from aftersales.portal import problems
from aftersales.portal.errors import RuleViolation

from . import codes

if TYPE_CHECKING:
    from ninja import NinjaAPI

logger = logging.getLogger(__name__)

PROBLEM_CONTENT_TYPE = "application/problem+json"
RESERVED = {"type", "title", "status", "detail", "instance", "code", "field", "errors"}


def problem_type(code: str) -> str:
    return f"{settings.SITE_URL}{reverse('api:problems')}#{code}"


def problem_title(code: str) -> str:
    """The code's registered title (English, stable: RFC 9457)."""
    return problems.get(code).title


def problem_body(
    request: HttpRequest,
    *,
    code: str,
    status: int,
    detail: str,
    field: str | None = None,
    errors: list[dict[str, Any]] | None = None,
    extra: dict[str, Any] | None = None,
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": problem_type(code),
        "title": problem_title(code),
        "status": status,
        "detail": str(detail),
        "instance": request.get_full_path(),
        "code": code,
    }
    if field:
        body["field"] = field
    if errors is not None:
        body["errors"] = errors
    for name, value in (extra or {}).items():
        if name not in RESERVED:
            body[name] = value
    return body


def problem_response(
    body: dict[str, Any], *, headers: dict[str, str] | None = None
) -> HttpResponse:
    response = HttpResponse(
        json.dumps(body, cls=DjangoJSONEncoder, ensure_ascii=False),
        status=body["status"],
        content_type=PROBLEM_CONTENT_TYPE,
    )
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def problem(
    request: HttpRequest,
    *,
    code: str,
    detail: str,
    status: int | None = None,
    field: str | None = None,
    errors: list[dict[str, Any]] | None = None,
    extra: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
) -> HttpResponse:
    if status is None:
        status = problems.get(code).status
    body = problem_body(
        request, code=code, status=status, detail=detail, field=field, errors=errors, extra=extra
    )
    return problem_response(body, headers=headers)


def rule_violation_body(request: HttpRequest, violation: RuleViolation) -> dict[str, Any]:
    return problem_body(
        request,
        code=violation.code,
        status=violation.status,
        detail=violation.message,
        field=violation.field,
        extra=violation.extra,
    )


# --- ninja's validation errors: one item per field, the field named ----------------------------

SOURCES = {"body", "query", "path", "header", "cookie", "form", "file"}


def _field_errors(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    items = []
    for error in errors:
        loc = [str(part) for part in error.get("loc", [])]
        source = loc[0] if loc and loc[0] in SOURCES else "body"
        path = loc[1:] if loc and loc[0] in SOURCES else loc
        # ninja puts the body under the parameter's name ("payload"); integrators never see it.
        if source == "body" and path and path[0] == "payload":
            path = path[1:]
        items.append(
            {
                "field": ".".join(path) or source,
                "location": source,
                "message": str(error.get("msg", "")),
                "type": str(error.get("type", "")),
            }
        )
    return items


def _validation(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    items = _field_errors(list(exc.errors))
    detail = "; ".join(f"{item['field']}: {item['message']}" for item in items)
    # A rule of the portal's own (TEXT-0001, a control character) names itself as the error's
    # type (aftersales/api/text.py): then the problem carries that code, not API-0001.
    rule_codes = {item["type"] for item in items if item["type"] in problems.REGISTRY}
    code = rule_codes.pop() if len(rule_codes) == 1 else codes.VALIDATION
    return problem(
        request,
        code=code,
        detail=detail or _("The request is not valid."),
        field=items[0]["field"] if items else None,
        errors=items,
    )


def _django_validation(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    if hasattr(exc, "error_dict"):
        items = [
            {"field": name, "location": "body", "message": str(message), "type": "invalid"}
            for name, messages in exc.message_dict.items()
            for message in messages
        ]
    else:
        items = [
            {"field": "body", "location": "body", "message": str(m), "type": "invalid"}
            for m in exc.messages
        ]
    detail = "; ".join(f"{item['field']}: {item['message']}" for item in items)
    return problem(
        request, code=codes.VALIDATION, detail=detail, field=items[0]["field"], errors=items
    )


def _authentication(request: HttpRequest, exc: Any) -> HttpResponse:
    return problem(
        request,
        code=codes.NOT_AUTHENTICATED,
        detail=_(
            "Send a valid API token: 'Authorization: Bearer <token>'. Tokens are created and "
            "revoked under My data."
        ),
        headers={"WWW-Authenticate": 'Bearer realm="aftersales"'},
    )


def _throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
    return problem(
        request,
        code=codes.RATE_LIMITED,
        detail=_("Too many requests with this token. Please wait and try again."),
        extra={"retry_after": math.ceil(exc.wait) if exc.wait is not None else None},
    )


def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    status = exc.status_code
    by_status = {
        400: codes.MALFORMED_BODY,
        401: codes.NOT_AUTHENTICATED,
        403: codes.FORBIDDEN,
        404: codes.NOT_FOUND,
        405: codes.METHOD_NOT_ALLOWED,
        429: codes.RATE_LIMITED,
    }
    code = by_status.get(status, codes.VALIDATION if status < 500 else codes.INTERNAL_ERROR)
    detail = str(exc) if status != 400 else _("The request body is not valid JSON.")
    return problem(request, code=code, status=status, detail=detail)


def _not_found(request: HttpRequest, exc: Any) -> HttpResponse:
    return problem(request, code=codes.NOT_FOUND, detail=_("The resource was not found."))


def _permission_denied(request: HttpRequest, exc: Any) -> HttpResponse:
    return problem(
        request, code=codes.FORBIDDEN, detail=str(exc) or _("You may not do this."), status=403
    )


def _too_large(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    """A body above DATA_UPLOAD_MAX_MEMORY_SIZE: Django refuses it before reading it whole."""
    return problem(
        request,
        code=codes.PAYLOAD_TOO_LARGE,
        detail=_("The request body is larger than %(mb)d MB.")
        % {"mb": settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024)},
    )


def _too_many_fields(request: HttpRequest, exc: Exception) -> HttpResponse:
    """More than DATA_UPLOAD_MAX_NUMBER_FIELDS query or form fields (Django refuses to parse
    them, so that a huge query string cannot tie a worker up)."""
    return problem(
        request,
        code=codes.TOO_MANY_FIELDS,
        detail=_("The request has more than %(count)d fields.")
        % {"count": settings.DATA_UPLOAD_MAX_NUMBER_FIELDS},
    )


def _rule_violation(request: HttpRequest, exc: RuleViolation) -> HttpResponse:
    return problem_response(rule_violation_body(request, exc))


def _server_error(request: HttpRequest, exc: Any) -> HttpResponse:
    logger.exception("API error on %s %s", request.method, request.path, exc_info=exc)
    return problem(
        request,
        code=codes.INTERNAL_ERROR,
        detail=_("An unexpected error occurred. It has been logged; please try again later."),
    )


def _database_unavailable(request: HttpRequest, exc: Exception) -> HttpResponse:
    """The database cannot be reached: 503 OPS-0001 with Retry-After, not a 500."""
    from aftersales.operations.unavailable import unavailable_response

    logger.error("Database unavailable on %s %s: %s", request.method, request.path, exc)
    return unavailable_response(request)


def register_exception_handlers(api: NinjaAPI) -> None:
    # exception_handler(), not add_exception_handler(): the latter's annotation wants handlers
    # that also accept the exception's class, which ninja never passes.
    api.exception_handler(Exception)(_server_error)
    api.exception_handler(RuleViolation)(_rule_violation)
    api.exception_handler(NinjaValidationError)(_validation)
    api.exception_handler(DjangoValidationError)(_django_validation)
    api.exception_handler(AuthenticationError)(_authentication)
    api.exception_handler(Throttled)(_throttled)
    api.exception_handler(HttpError)(_http_error)
    api.exception_handler(Http404)(_not_found)
    api.exception_handler(PermissionDenied)(_permission_denied)
    api.exception_handler(RequestDataTooBig)(_too_large)
    api.exception_handler(TooManyFieldsSent)(_too_many_fields)
    api.exception_handler(TooManyFilesSent)(_too_many_fields)
    api.exception_handler(OperationalError)(_database_unavailable)
    api.exception_handler(InterfaceError)(_database_unavailable)


# --- Outside ninja's operations: unknown paths and wrong methods -------------------------------


@csrf_exempt
def not_found_view(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    return _not_found(request, Http404())


def method_not_allowed(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    allowed = response.get("Allow", "")
    return problem(
        request,
        code=codes.METHOD_NOT_ALLOWED,
        detail=_("The method %(method)s is not allowed here. Allowed: %(allowed)s.")
        % {"method": request.method, "allowed": allowed},
        headers={"Allow": allowed},
    )
