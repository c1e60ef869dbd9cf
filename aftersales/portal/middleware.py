from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import TooManyFieldsSent
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .errors import RuleViolation
from .text import url_parameter_violation

API_PREFIX = "/api/v1/"


class ContentSecurityPolicyMiddleware:
    """Scripts only from this site, nothing framed, forms only to this site (settings.py)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if settings.CONTENT_SECURITY_POLICY:
            response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        return response


def violation_response(request: HttpRequest, violation: RuleViolation) -> HttpResponse:
    """A refused request: problem+json for the API, the portal's coded error page otherwise."""
    if request.path.startswith(API_PREFIX):
        # The API's own renderer (problem+json); imported here, the API app builds on the portal.
        from aftersales.api.problems import problem_response, rule_violation_body

        return problem_response(rule_violation_body(request, violation))
    return render(request, "portal/problem.html", {"violation": violation}, status=violation.status)


class ControlCharacterMiddleware:
    """Refuses a control character in a URL parameter or in the query string
    (aftersales/portal/text.py) before any view looks it up: PostgreSQL cannot even compare a
    NUL. Form fields and API bodies say so next to the field instead (forms, api/text.py).

    A RuleViolation that a view leaves uncaught also becomes its coded page, not a 500."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> HttpResponse | None:
        parameters = [
            (name, value) for name, value in view_kwargs.items() if isinstance(value, str)
        ]
        try:
            query = [(name, value) for name, values in request.GET.lists() for value in values]
        except TooManyFieldsSent:  # the view answers it (the API: 400 API-0009)
            query = []
        for name, value in [*parameters, *((name, name) for name, _v in query), *query]:
            violation = url_parameter_violation(name, value)
            if violation is not None:
                return violation_response(request, violation)
        return None

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, RuleViolation):
            return violation_response(request, exception)
        return None


class SharedCacheMiddleware:
    """One round trip to the shared cache for what the request will ask of it (the
    applications, the organisation's access, the user's second-factor state), kept in memory
    for the rest of the request (aftersales/portal/shared_cache.py). Nothing when it is off."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from . import shared_cache

        if not shared_cache.enabled():
            return self.get_response(request)
        token = shared_cache.request_started()
        try:
            entries = [("applications", "all")]
            user: Any = getattr(request, "user", None)
            if user is not None and user.is_authenticated:
                entries.append(("factors", str(user.pk)))
                if user.organisation_id is not None:
                    entries.append(("access", str(user.organisation_id)))
            shared_cache.prefetch(*entries)
            return self.get_response(request)
        finally:
            shared_cache.request_finished(token)
