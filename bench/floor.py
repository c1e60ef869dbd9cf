"""The floor of the Service history bench: the same requests through the same middleware to
views that do nothing but the bare query and a minimal rendering.

Mounted only by bench/service_history_bench.py (it makes this module the ROOT_URLCONF: the
portal's URLs plus the three below); never part of the portal.

  /bench-floor/?vin=...                    VIN entry: the vehicle by VIN (one query), 302
  /bench-floor/<vin>/history/              the vehicle and its entries since the cut-off (two
                                           queries), rows rendered by a minimal template
  /bench-floor/api/vehicles/<vin>/service-history
                                           the bearer token checked as the API checks it (one
                                           query), the same two queries, JSON
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.template import engines
from django.urls import include, path, reverse

from aftersales.api.selectors import token_for_secret
from aftersales.servicehistory.selectors import history_cutoff

BARE_VEHICLE = "SELECT id, vin, mileage_km, model_designation FROM vehicles_vehicle WHERE vin = %s"
BARE_HISTORY = """
SELECT e.id, e.maintenance_date, e.mileage_km, e.comment, e.version, e.original_id,
       e.cancelled_at, e.cancellation_reason, e.transferred_at, o.name, o.city,
       array(SELECT p.name FROM servicehistory_serviceentry_positions ep
              JOIN vehicles_cbsposition p ON p.id = ep.cbsposition_id
             WHERE ep.serviceentry_id = e.id ORDER BY p.position, p.name) AS positions
  FROM servicehistory_serviceentry e JOIN accounts_organisation o ON o.id = e.organisation_id
 WHERE e.vehicle_id = %s AND e.maintenance_date >= %s
 ORDER BY e.maintenance_date DESC, e.id DESC"""
HISTORY_COLUMNS = (
    "id",
    "maintenance_date",
    "mileage_km",
    "comment",
    "version",
    "original_id",
    "cancelled_at",
    "cancellation_reason",
    "transferred_at",
    "workshop",
    "city",
    "positions",
)

TEMPLATE = engines["django"].from_string(
    """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ vehicle.1 }}</title>
</head><body><h1>{{ vehicle.1 }}</h1><p>{{ vehicle.3 }}, {{ vehicle.2 }} km</p>
<table><thead><tr><th>Date</th><th>Mileage</th><th>Positions</th><th>Workshop</th>
<th>Comment</th><th>Transfer</th></tr></thead><tbody>
{% for e in entries %}<tr id="entry-{{ e.0 }}"><td>{{ e.1|date:"Y-m-d" }}</td><td>{{ e.2 }}</td>
<td>{{ e.11|join:", " }}</td><td>{{ e.9 }}<br>{{ e.10 }}</td><td>{{ e.3 }}{% if e.6 %}
Cancelled: {{ e.7 }}{% endif %}</td><td>{{ e.8|date:"Y-m-d H:i"|default:"-" }}</td></tr>
{% endfor %}</tbody></table></body></html>"""
)


def _vehicle(vin: str) -> tuple[Any, ...] | None:
    with connection.cursor() as cursor:
        cursor.execute(BARE_VEHICLE, [vin])
        return cursor.fetchone()


def _history(vehicle_id: int) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(BARE_HISTORY, [vehicle_id, history_cutoff()])
        return cursor.fetchall()


@login_required
def floor_lookup(request: HttpRequest) -> HttpResponse:
    vehicle = _vehicle(request.GET.get("vin", ""))
    if vehicle is None:
        return HttpResponse(status=404)
    return HttpResponseRedirect(reverse("bench_floor_history", kwargs={"vin": vehicle[1]}))


@login_required
def floor_history(request: HttpRequest, vin: str) -> HttpResponse:
    vehicle = _vehicle(vin)
    if vehicle is None:
        return HttpResponse(status=404)
    context = {"vehicle": vehicle, "entries": _history(vehicle[0])}
    return HttpResponse(TEMPLATE.render(context, request))


def floor_api_history(request: HttpRequest, vin: str) -> HttpResponse:
    header = request.headers.get("Authorization", "")
    token = token_for_secret(raw=header.removeprefix("Bearer ")) if header else None
    if token is None:
        return JsonResponse({"detail": "Unauthorized"}, status=401)
    vehicle = _vehicle(vin)
    if vehicle is None:
        return JsonResponse({"detail": "Not found"}, status=404)
    items = [dict(zip(HISTORY_COLUMNS, row, strict=True)) for row in _history(vehicle[0])]
    return JsonResponse({"vin": vehicle[1], "count": len(items), "items": items})


urlpatterns = [
    path("bench-floor/", floor_lookup, name="bench_floor_lookup"),
    path("bench-floor/<str:vin>/history/", floor_history, name="bench_floor_history"),
    path(
        "bench-floor/api/vehicles/<str:vin>/service-history",
        floor_api_history,
        name="bench_floor_api_history",
    ),
    path("", include("aftersales.urls")),
]
