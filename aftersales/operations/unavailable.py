"""While the database cannot be reached, pages and API answer 503 with Retry-After, not 500.

Two places see such an error: `DatabaseUnavailableMiddleware.process_exception` (a view's
error, also with DEBUG on) and `server_error` (handler500: an error in a middleware, e.g. the
session or the log-in lockout reading the database). The API's own handler
(aftersales/api/problems.py) answers its operations. The page is rendered without the
database: no request context, no base template that reads the user or the menu.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.template import loader
from django.utils.translation import gettext as _
from django.views.defaults import server_error as django_server_error

from . import codes

logger = logging.getLogger("aftersales.operations")

API_PREFIX = "/api/"


def is_database_unavailable(error: BaseException | None) -> bool:
    """A lost or refused connection (OperationalError, InterfaceError: closed connection);
    a constraint or programming error is a real 500."""
    return isinstance(error, OperationalError | InterfaceError)


def unavailable_response(request: HttpRequest) -> HttpResponse:
    retry_after = str(settings.RETRY_AFTER_SECONDS)
    detail = _("The portal cannot reach its database at the moment. Please try again shortly.")
    if request.path.startswith(API_PREFIX):
        from aftersales.api.problems import problem

        response = problem(request, code=codes.DATABASE_UNAVAILABLE, detail=detail)
    else:
        html = loader.get_template("operations/unavailable.html").render(
            {"detail": detail, "retry_after": retry_after, "code": codes.DATABASE_UNAVAILABLE}
        )
        response = HttpResponse(html, status=503)
    response["Retry-After"] = retry_after
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if is_database_unavailable(exception):
            logger.error(
                "Database unavailable on %s %s: %s", request.method, request.path, exception
            )
            return unavailable_response(request)
        return None


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: the 503 page when the error was the database's connection."""
    if is_database_unavailable(sys.exc_info()[1]):
        return unavailable_response(request)
    try:
        return django_server_error(request)
    except Exception:  # noqa: BLE001 - a 500 page that fails itself still answers 500
        return HttpResponseServerError("<h1>Server Error (500)</h1>", content_type="text/html")
