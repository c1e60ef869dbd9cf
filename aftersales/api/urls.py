from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, include, path, re_path

from . import docs, views
from .main import api
from .problems import PROBLEM_CONTENT_TYPE, method_not_allowed, not_found_view

app_name = "api"


def _problem_on_405(view: Any) -> Any:
    """ninja answers a wrong method with a plain-text 405; the API answers problem+json."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if response.status_code == 405 and response.get("Content-Type") != PROBLEM_CONTENT_TYPE:
            return method_not_allowed(request, response)
        return response

    return wrapped


def _api_patterns() -> tuple[list[URLPattern | URLResolver], str, str]:
    patterns, app, namespace = api.urls
    wrapped: list[URLPattern | URLResolver] = []
    for pattern in patterns:
        if isinstance(pattern, URLPattern) and pattern.name == "api-root":
            # ninja's root is an HTML 404 without DEBUG; ours is a JSON index. ninja reverses
            # the name to find its prefix, so the name stays.
            pattern = URLPattern(pattern.pattern, views.api_index, name="api-root")
        if isinstance(pattern, URLPattern):
            pattern = URLPattern(
                pattern.pattern,
                _problem_on_405(pattern.callback),
                pattern.default_args,
                pattern.name,
            )
        wrapped.append(pattern)
    return wrapped, app, namespace


urlpatterns = [
    path("tokens/", views.token_list, name="tokens"),
    path("tokens/<int:token_id>/revoke/", views.token_revoke, name="token_revoke"),
    path("problems/", views.problem_codes, name="problems"),
    path("docs-assets/<str:name>", docs.docs_asset, name="docs_asset"),
    path("v1/", include(_api_patterns()[:2], namespace="v1")),
    # Anything else under /api/v1/ is a problem+json 404, never the HTML page.
    re_path(r"^v1/[\s\S]*$", not_found_view, name="not_found"),
]
