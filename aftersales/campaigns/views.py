"""The workshop's screens: VIN entry, the vehicle's campaigns, a campaign's detail (for the
vehicle or on its own), and "Carry out", which puts the campaign's lines on the order base of
Service history (the one order pipeline)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aftersales.catalogue.decorators import application_required
from aftersales.orders.drafts import draft_item_add
from aftersales.orders.lines import LineKind
from aftersales.portal.errors import RuleViolation
from aftersales.portal.forms import add_violation
from aftersales.portal.http import AuthenticatedHttpRequest
from aftersales.vehicles.models import Vehicle
from aftersales.vehicles.notices import vehicle_notices
from aftersales.vehicles.selectors import vehicle_get, vehicle_lookup

from .forms import VinForm
from .models import Campaign
from .selectors import (
    APPLICATION_SLUG,
    campaign_for_vehicle,
    campaign_get_published,
    campaigns_for_vehicle,
)


def _campaign(number: str) -> Campaign:
    """The campaign as a workshop may see it (the scoping helper); a draft is a 404."""
    try:
        return campaign_get_published(number=number)
    except RuleViolation as violation:
        raise Http404(violation.message) from None


def _screen(request: AuthenticatedHttpRequest, vehicle: Vehicle, **extra: object) -> dict:
    return {
        "vehicle": vehicle,
        "notices": vehicle_notices(vehicle=vehicle, user=request.user),
        "vin_form": VinForm(initial={"vin": vehicle.vin}),
        **extra,
    }


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
                return redirect("campaigns:vehicle", vin=found.vehicle.vin)
            candidates = found.candidates
    return render(request, "campaigns/vin_entry.html", {"vin_form": form, "candidates": candidates})


@application_required(APPLICATION_SLUG)
def vehicle_campaigns(request: AuthenticatedHttpRequest, vin: str) -> HttpResponse:
    vehicle = vehicle_get(vin=vin)
    rows = campaigns_for_vehicle(vehicle=vehicle)
    return render(request, "campaigns/vehicle.html", _screen(request, vehicle, rows=rows))


@application_required(APPLICATION_SLUG)
def vehicle_campaign(request: AuthenticatedHttpRequest, vin: str, number: str) -> HttpResponse:
    vehicle = vehicle_get(vin=vin)
    row = campaign_for_vehicle(campaign=_campaign(number), vehicle=vehicle)
    context = _screen(request, vehicle, row=row, campaign=row.campaign)
    return render(request, "campaigns/detail.html", context)


@application_required(APPLICATION_SLUG)
def campaign_detail(request: AuthenticatedHttpRequest, number: str) -> HttpResponse:
    context = {"campaign": _campaign(number), "row": None, "vehicle": None}
    return render(request, "campaigns/detail.html", context)


@application_required(APPLICATION_SLUG)
@require_POST
def carry_out(request: AuthenticatedHttpRequest, vin: str, number: str) -> HttpResponse:
    """Adds the campaign to the vehicle's order draft and opens the order base of Service
    history; storing that entry marks the campaign done."""
    vehicle = vehicle_get(vin=vin)
    row = campaign_for_vehicle(campaign=_campaign(number), vehicle=vehicle)
    campaign = row.campaign
    if not row.is_open or not campaign.has_work:
        messages.error(
            request,
            _("Campaign %(number)s cannot be carried out on this vehicle: %(state)s. %(reason)s")
            % {"number": campaign.number, "state": row.state_label, "reason": row.reason},
        )
        return redirect("campaigns:vehicle_campaign", vin=vehicle.vin, number=campaign.number)
    draft_item_add(request, vehicle.vin, kind=LineKind.CAMPAIGN, number=campaign.number)
    messages.success(
        request,
        _(
            "The lines of campaign %(number)s are on the order base. Enter the mileage and the "
            "date under “Service data” if you have not yet, then create the service history "
            "entry: storing it marks the campaign done."
        )
        % {"number": campaign.number},
    )
    return redirect("servicehistory:order_base", vin=vehicle.vin)
