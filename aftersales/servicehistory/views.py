"""The vehicle screens: VIN entry, Central data, Service history, Vehicle data, Options.

The order screens (Service data, Order base, corrections) are in views_order.py.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse

from aftersales import clock
from aftersales.accounts.models import User
from aftersales.portal.errors import RuleViolation
from aftersales.portal.pdf import pdf_response
from aftersales.vehicles.models import Vehicle
from aftersales.vehicles.selectors import (
    cbs_positions_for,
    vehicle_cbs_status,
    vehicle_get,
    vehicle_lookup,
    vehicle_options,
)

from . import rules
from .access import service_history_required
from .cbs import cbs_state
from .forms import VinForm, add_violation
from .selectors import entries_pending_transfer, history_cutoff, service_history


def screen(request: HttpRequest, vehicle: Vehicle, tab: str, **extra: Any) -> dict[str, Any]:
    """What every vehicle screen shows: the VIN entry, the vehicle header and the two tab groups."""
    return {
        "vehicle": vehicle,
        "tab": tab,
        "vin_form": VinForm(initial={"vin": vehicle.vin}),
        "group": "order" if tab in ("service_data", "order_base") else "central",
        **extra,
    }


def cbs_rows(vehicle: Vehicle) -> list[dict[str, Any]]:
    status = vehicle_cbs_status(vehicle=vehicle)
    today = clock.today()
    return [
        {"position": position, "state": cbs_state(status.get(position.pk), today=today)}
        for position in cbs_positions_for(vehicle=vehicle)
    ]


@service_history_required
def vin_entry(request: HttpRequest) -> HttpResponse:
    form = VinForm(request.GET or None)
    candidates: list[Vehicle] = []
    if form.is_bound and form.is_valid():
        try:
            found = vehicle_lookup(query=form.cleaned_data["vin"])
        except RuleViolation as violation:
            add_violation(form, violation)
        else:
            for warning in found.warnings:
                messages.warning(request, warning)
            if found.vehicle is not None:
                return redirect("servicehistory:central_data", vin=found.vehicle.vin)
            candidates = found.candidates
    return render(
        request, "servicehistory/vin_entry.html", {"vin_form": form, "candidates": candidates}
    )


@service_history_required
def central_data(request: HttpRequest, vin: str) -> HttpResponse:
    vehicle = vehicle_get(vin=vin)
    context = screen(
        request,
        vehicle,
        "central_data",
        cbs=cbs_rows(vehicle),
        pending=entries_pending_transfer(vehicle=vehicle),
    )
    return render(request, "servicehistory/central_data.html", context)


@service_history_required
def history(request: HttpRequest, vin: str) -> HttpResponse:
    vehicle = vehicle_get(vin=vin)
    entries = service_history(vehicle=vehicle)
    user: User = request.user  # type: ignore[assignment]
    now = clock.now()
    by_id = {entry.pk: entry for entry in entries}
    for entry in entries:
        # A correction's window runs from its original, which is in the same history.
        first = by_id.get(entry.original_id) if entry.original_id else entry
        entry.can_modify = first is not None and rules.may_modify(  # type: ignore[attr-defined]
            actor=user, entry=entry, first_stored_at=first.created_at, now=now
        )
    context = screen(
        request,
        vehicle,
        "history",
        entries=entries,
        cutoff=history_cutoff(),
        stored=request.GET.get("stored", ""),
    )
    return render(request, "servicehistory/history.html", context)


@service_history_required
def vehicle_data(request: HttpRequest, vin: str) -> HttpResponse:
    vehicle = vehicle_get(vin=vin)
    return render(
        request, "servicehistory/vehicle_data.html", screen(request, vehicle, "vehicle_data")
    )


@service_history_required
def vehicle_pdf(request: HttpRequest, vin: str) -> HttpResponse:
    vehicle = vehicle_get(vin=vin)
    html = render_to_string(
        "servicehistory/pdf/vehicle.html", {"vehicle": vehicle, "printed_at": clock.now()}, request
    )
    return pdf_response(html, filename=f"vehicle-{vehicle.vin}.pdf", request=request)


@service_history_required
def options(request: HttpRequest, vin: str) -> HttpResponse:
    vehicle = vehicle_get(vin=vin)
    context = screen(request, vehicle, "options", options=vehicle_options(vehicle=vehicle))
    return render(request, "servicehistory/options.html", context)


def history_url(vehicle: Vehicle, *, stored: int | None = None) -> str:
    url = reverse("servicehistory:history", kwargs={"vin": vehicle.vin})
    return f"{url}?stored={stored}#entry-{stored}" if stored else url
