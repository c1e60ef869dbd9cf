"""State of charge pages: VIN entry, the vehicle's battery (latest values, charts, warning,
readings, a typed reading) and issuing a battery health certificate."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aftersales.catalogue.decorators import application_required
from aftersales.certificates.selectors import certificates_of
from aftersales.portal.errors import RuleViolation
from aftersales.portal.forms import add_violation
from aftersales.portal.http import AuthenticatedHttpRequest
from aftersales.vehicles.models import Vehicle
from aftersales.vehicles.notices import vehicle_notices
from aftersales.vehicles.selectors import vehicle_get, vehicle_lookup

from .certificate import KIND
from .forms import ReadingForm, VinForm
from .selectors import (
    APPLICATION_SLUG,
    battery_type_for,
    health_charts,
    health_trend,
    readings_of,
)
from .services import battery_certificate_issue, battery_reading_record


@application_required(APPLICATION_SLUG)
def vin_entry(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = VinForm(request.GET or None)
    candidates: list[Vehicle] = []
    if form.is_bound and form.is_valid() and form.cleaned_data["vin"]:
        try:
            found = vehicle_lookup(query=form.cleaned_data["vin"])
        except RuleViolation as violation:
            add_violation(form, violation)
        else:
            if found.vehicle is not None:
                return redirect("stateofcharge:vehicle", vin=found.vehicle.vin)
            candidates = found.candidates
    return render(request, "stateofcharge/vin_entry.html", {"form": form, "candidates": candidates})


def _vehicle_page(
    request: AuthenticatedHttpRequest, vehicle: Vehicle, form: ReadingForm, status: int = 200
) -> HttpResponse:
    readings = readings_of(vehicle)
    context = {
        "vehicle": vehicle,
        "notices": vehicle_notices(vehicle=vehicle, user=request.user),
        "battery": battery_type_for(vehicle),
        "readings": list(reversed(readings)),
        "latest": readings[-1] if readings else None,
        "trend": health_trend(readings),
        "charts": health_charts(readings),
        "form": form,
        "certificates": [
            c for c in certificates_of(actor=request.user, vehicle=vehicle) if c.kind == KIND
        ],
    }
    return render(request, "stateofcharge/vehicle.html", context, status=status)


@application_required(APPLICATION_SLUG)
def vehicle(request: AuthenticatedHttpRequest, vin: str) -> HttpResponse:
    found = vehicle_get(vin=vin)
    if request.method != "POST":
        return _vehicle_page(request, found, ReadingForm())
    form = ReadingForm(request.POST)
    if form.is_valid():
        try:
            battery_reading_record(actor=request.user, vehicle=found, reading=form.reading())
        except RuleViolation as violation:
            add_violation(form, violation)
        else:
            messages.success(request, _("The battery reading is stored."))
            return redirect("stateofcharge:vehicle", vin=found.vin)
    return _vehicle_page(request, found, form, status=422)


@require_POST
@application_required(APPLICATION_SLUG)
def certificate_issue(request: AuthenticatedHttpRequest, vin: str) -> HttpResponse:
    found = vehicle_get(vin=vin)
    try:
        issued = battery_certificate_issue(actor=request.user, vehicle=found)
    except RuleViolation as violation:
        messages.error(request, str(violation))
        return redirect("stateofcharge:vehicle", vin=found.vin)
    messages.success(request, _("The battery health certificate is issued."))
    return redirect("certificates:detail", certificate_id=issued.pk)
