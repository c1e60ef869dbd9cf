"""The vehicle screens: VIN entry, Central data, Service history, Vehicle data, Options."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string

from aftersales import clock
from aftersales.catalogue.decorators import application_required
from aftersales.portal.errors import RuleViolation
from aftersales.portal.forms import add_violation
from aftersales.portal.http import AuthenticatedHttpRequest
from aftersales.portal.pdf import pdf_response
from aftersales.vehicles.models import Vehicle
from aftersales.vehicles.selectors import vehicle_get, vehicle_lookup, vehicle_options

from .. import rules
from ..annexes import entry_annexes
from ..forms import VinForm
from ..selectors import APPLICATION_SLUG, entries_pending_transfer, history_cutoff, service_history
from .screen import cbs_rows, screen


@application_required(APPLICATION_SLUG)
def vin_entry(request: AuthenticatedHttpRequest) -> HttpResponse:
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


@application_required(APPLICATION_SLUG)
def central_data(request: AuthenticatedHttpRequest, vin: str) -> HttpResponse:
    vehicle = vehicle_get(vin=vin)
    context = screen(
        request,
        vehicle,
        "central_data",
        cbs=cbs_rows(vehicle),
        pending=entries_pending_transfer(vehicle=vehicle),
    )
    return render(request, "servicehistory/central_data.html", context)


@application_required(APPLICATION_SLUG)
def history(request: AuthenticatedHttpRequest, vin: str) -> HttpResponse:
    vehicle = vehicle_get(vin=vin)
    entries = service_history(vehicle=vehicle)
    now = clock.now()
    by_id = {entry.pk: entry for entry in entries}
    modifiable: set[int] = set()
    for entry in entries:
        # A correction's window runs from its original, which is in the same history.
        first = by_id.get(entry.original_id) if entry.original_id else entry
        if first is not None and rules.may_modify(
            actor=request.user, entry=entry, first_stored_at=first.created_at, now=now
        ):
            modifiable.add(entry.pk)
    context = screen(
        request,
        vehicle,
        "history",
        entries=entries,
        modifiable=modifiable,
        cutoff=history_cutoff(),
        stored=request.GET.get("stored", ""),
        annexes=entry_annexes(entries=entries, user=request.user),
    )
    return render(request, "servicehistory/history.html", context)


@application_required(APPLICATION_SLUG)
def vehicle_data(request: AuthenticatedHttpRequest, vin: str) -> HttpResponse:
    vehicle = vehicle_get(vin=vin)
    return render(
        request, "servicehistory/vehicle_data.html", screen(request, vehicle, "vehicle_data")
    )


@application_required(APPLICATION_SLUG)
def vehicle_pdf(request: AuthenticatedHttpRequest, vin: str) -> HttpResponse:
    vehicle = vehicle_get(vin=vin)
    html = render_to_string(
        "servicehistory/pdf/vehicle.html", {"vehicle": vehicle, "printed_at": clock.now()}, request
    )
    return pdf_response(html, filename=f"vehicle-{vehicle.vin}.pdf", request=request)


@application_required(APPLICATION_SLUG)
def options(request: AuthenticatedHttpRequest, vin: str) -> HttpResponse:
    vehicle = vehicle_get(vin=vin)
    context = screen(request, vehicle, "options", options=vehicle_options(vehicle=vehicle))
    return render(request, "servicehistory/options.html", context)
