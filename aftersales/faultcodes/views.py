"""The pages of Emission-relevant fault codes: lookup and search, a code's entries, a vehicle's
fault memory reports, recording a report, a report with its service entry."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from aftersales import clock
from aftersales.catalogue.decorators import application_required
from aftersales.portal.errors import RuleViolation
from aftersales.portal.forms import add_violation
from aftersales.portal.http import AuthenticatedHttpRequest
from aftersales.vehicles.models import Vehicle
from aftersales.vehicles.notices import vehicle_notices
from aftersales.vehicles.selectors import vehicle_get, vehicle_lookup

from . import dtc
from .forms import AttachForm, CodeLookupForm, FaultReportForm, SearchForm, VinForm
from .models import FaultCode, FaultReport, MonitorState, ReadinessMonitor
from .selectors import (
    APPLICATION_SLUG,
    attachable_entries,
    fault_code_entries,
    fault_code_lookup,
    fault_code_search,
    fault_report_get,
    fault_reports_for,
    report_views,
)
from .services import fault_report_attach, fault_report_create


@application_required(APPLICATION_SLUG)
def lookup(request: AuthenticatedHttpRequest) -> HttpResponse:
    """One screen, three questions: a code, words of a description, or a vehicle."""
    code_form = CodeLookupForm(request.GET if "code" in request.GET else None)
    search_form = SearchForm(request.GET if "search" in request.GET else None)
    vin_form = VinForm(request.GET if "vin" in request.GET else None)
    results: list[FaultCode] | None = None
    candidates: list[Vehicle] = []
    if code_form.is_bound and code_form.is_valid():
        try:
            code, _entries = fault_code_lookup(raw=code_form.cleaned_data["code"])
        except RuleViolation as violation:
            add_violation(code_form, violation)
        else:
            return redirect("faultcodes:code", code=code)
    if search_form.is_bound and search_form.is_valid():
        try:
            results = fault_code_search(query=search_form.cleaned_data["search"])
        except RuleViolation as violation:
            add_violation(search_form, violation)
    if vin_form.is_bound and vin_form.is_valid():
        try:
            found = vehicle_lookup(query=vin_form.cleaned_data["vin"])
        except RuleViolation as violation:
            add_violation(vin_form, violation)
        else:
            if found.vehicle is not None:
                return redirect("faultcodes:vehicle", vin=found.vehicle.vin)
            candidates = found.candidates
    context = {
        "code_form": code_form,
        "search_form": search_form,
        "vin_form": vin_form,
        "results": results,
        "candidates": candidates,
        "language": get_language(),
    }
    return render(request, "faultcodes/lookup.html", context)


@application_required(APPLICATION_SLUG)
def code_detail(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    try:
        normalised = dtc.normalise(code)
    except RuleViolation as violation:
        messages.error(request, str(violation))
        return redirect("faultcodes:lookup")
    if normalised != code:
        return redirect("faultcodes:code", code=normalised)
    entries = fault_code_entries(code=normalised)
    context = {
        "code": normalised,
        "system": dtc.system_of(normalised).label,
        "scope": dtc.CodeScope(dtc.scope_of(normalised)).label,
        "group": dtc.powertrain_group(normalised),
        "entries": entries,
        "language": get_language(),
        "code_form": CodeLookupForm(initial={"code": normalised}),
    }
    return render(request, "faultcodes/code.html", context, status=200 if entries else 404)


def _vehicle_context(request: AuthenticatedHttpRequest, vehicle: Vehicle) -> dict[str, object]:
    return {
        "vehicle": vehicle,
        "notices": vehicle_notices(vehicle=vehicle, user=request.user),
        "language": get_language(),
    }


@application_required(APPLICATION_SLUG)
def vehicle_reports(request: AuthenticatedHttpRequest, vin: str) -> HttpResponse:
    vehicle = vehicle_get(vin=vin)
    reports = fault_reports_for(organisation=request.user.organisation, vehicle=vehicle)
    context = {
        **_vehicle_context(request, vehicle),
        "views": report_views(reports, vehicle=vehicle),
        "stored": request.GET.get("stored", ""),
    }
    return render(request, "faultcodes/vehicle.html", context)


@application_required(APPLICATION_SLUG)
def report_create(request: AuthenticatedHttpRequest, vin: str) -> HttpResponse:
    vehicle = vehicle_get(vin=vin)
    entries = attachable_entries(organisation=request.user.organisation, vehicle=vehicle)
    if request.method == "POST":
        form = FaultReportForm(request.POST, entries=entries)
        if form.is_valid():
            try:
                report = fault_report_create(
                    actor=request.user,
                    vehicle=vehicle,
                    data=form.report_input(),
                    source=FaultReport.Source.FORM,
                )
            except RuleViolation as violation:
                form.add_violation(violation)
            else:
                messages.success(request, _("The fault memory report has been stored."))
                return redirect("faultcodes:report", report_id=report.pk)
    else:
        now = timezone.localtime(clock.now())
        form = FaultReportForm(
            initial={"read_at": now.strftime("%Y-%m-%d %H:%M"), "mileage": ""}, entries=entries
        )
    context = {**_vehicle_context(request, vehicle), "form": form}
    return render(request, "faultcodes/report_form.html", context)


@application_required(APPLICATION_SLUG)
def report_detail(request: AuthenticatedHttpRequest, report_id: int) -> HttpResponse:
    report = fault_report_get(actor=request.user, report_id=report_id)
    vehicle = report.vehicle
    entries = attachable_entries(organisation=request.user.organisation, vehicle=vehicle)
    initial = {"service_entry": str(report.service_entry_id or "")}
    if request.method == "POST":
        form = AttachForm(request.POST, entries=entries)
        if form.is_valid():
            try:
                fault_report_attach(
                    actor=request.user,
                    report=report,
                    entry_id=form.entry_id(form.cleaned_data["service_entry"]),
                )
            except RuleViolation as violation:
                add_violation(form, violation)
            else:
                messages.success(
                    request,
                    _("The report is attached to the service entry.")
                    if report.service_entry_id
                    else _("The report is no longer attached to a service entry."),
                )
                return redirect("faultcodes:report", report_id=report.pk)
    else:
        form = AttachForm(initial=initial, entries=entries)
    view = report_views([report], vehicle=vehicle)[0]
    monitors = [
        {"label": label, "state": report.readiness[value], "state_label": _state(report, value)}
        for value, label in ReadinessMonitor.choices
        if value in report.readiness
    ]
    context = {
        **_vehicle_context(request, vehicle),
        "view": view,
        "monitors": monitors,
        "attach_form": form,
    }
    return render(request, "faultcodes/report.html", context)


def _state(report: FaultReport, monitor: str) -> str:
    return str(MonitorState(report.readiness[monitor]).label)
