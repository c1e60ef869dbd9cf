"""/health/ for load balancers and monitoring: 200 when every configured part works, 503 with
the part that is down otherwise (JSON, no login, never cached)."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .health import health_checks

LOOPBACK = {"127.0.0.1", "::1"}


def _local_probe(request: HttpRequest) -> bool:
    """A probe on the host itself (curl on the server, not through the proxy) sees the
    failure's text; everyone else only which part is down."""
    return (
        request.META.get("REMOTE_ADDR") in LOOPBACK and "HTTP_X_FORWARDED_FOR" not in request.META
    )


@never_cache
@require_GET
def health(request: HttpRequest) -> JsonResponse:
    checks = health_checks()
    down = [check.name for check in checks if not check.ok and check.required]
    body = {
        "status": "ok" if not down else "down",
        "down": down,
        # Parts that are down without taking the portal down (a read replica).
        "degraded": [check.name for check in checks if not check.ok and not check.required],
        "checks": {check.name: check.as_dict(detail=_local_probe(request)) for check in checks},
    }
    response = JsonResponse(body, status=200 if not down else 503)
    if down:
        response["Retry-After"] = "30"
    return response


@never_cache
@require_GET
def live(request: HttpRequest) -> JsonResponse:
    """The process answers (for a liveness probe that must not restart the web server
    because the database is down)."""
    return JsonResponse({"status": "ok"})
