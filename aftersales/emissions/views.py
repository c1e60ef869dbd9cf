"""The workshop's screens: VIN entry; the vehicle's nominal values (printable) with the
workshop's tests; "Record test"; a recorded test with its result and, when passed, its
certificate PDF."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from aftersales import clock
from aftersales.catalogue.decorators import application_required
from aftersales.portal.errors import RuleViolation
from aftersales.portal.forms import add_violation
from aftersales.portal.http import AuthenticatedHttpRequest
from aftersales.portal.pdf import pdf_response
from aftersales.vehicles.models import Vehicle
from aftersales.vehicles.notices import vehicle_notices
from aftersales.vehicles.selectors import vehicle_get, vehicle_lookup

from .certificate import verification_context
from .forms import RecordForm, VinForm
from .models import EmissionsTest
from .presenters import obd_failure_texts, test_rows, value_rows
from .selectors import (
    APPLICATION_SLUG,
    VehicleValues,
    emissions_test_get,
    emissions_tests_for,
    obd_from_report,
    test_interval_months,
    vehicle_values,
)
from .services import emissions_test_record


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
                return redirect("emissions:vehicle", vin=found.vehicle.vin)
            candidates = found.candidates
    return render(request, "emissions/vin_entry.html", {"vin_form": form, "candidates": candidates})


def _values(vehicle: Vehicle) -> tuple[VehicleValues | None, str]:
    try:
        return vehicle_values(vehicle=vehicle), ""
    except RuleViolation as violation:
        return None, str(violation)


def _screen(request: AuthenticatedHttpRequest, vehicle: Vehicle, **extra: object) -> dict:
    return {
        "vehicle": vehicle,
        "notices": vehicle_notices(vehicle=vehicle, user=request.user),
        "vin_form": VinForm(initial={"vin": vehicle.vin}),
        **extra,
    }


@application_required(APPLICATION_SLUG)
def vehicle(request: AuthenticatedHttpRequest, vin: str) -> HttpResponse:
    car = vehicle_get(vin=vin)
    values, missing = _values(car)
    organisation = request.user.organisation
    months, country = test_interval_months(country=organisation.country if organisation else "")
    context = _screen(
        request,
        car,
        values=values,
        rows=value_rows(values) if values else [],
        missing=missing,
        tests=emissions_tests_for(organisation=organisation, vehicle=car),
        interval_months=months,
        interval_country=country,
    )
    return render(request, "emissions/vehicle.html", context)


@application_required(APPLICATION_SLUG)
def values_pdf(request: AuthenticatedHttpRequest, vin: str) -> HttpResponse:
    car = vehicle_get(vin=vin)
    values, missing = _values(car)
    if values is None:
        raise Http404(missing)
    html = render_to_string(
        "emissions/pdf/values.html",
        {
            "vehicle": car,
            "values": values,
            "rows": value_rows(values),
            "organisation": request.user.organisation,
            "printed_at": timezone.localtime(clock.now()),
        },
        request=request,
    )
    return pdf_response(
        html, filename=f"nominal-values-{car.vin}.pdf", request=request, inline=True
    )


@application_required(APPLICATION_SLUG)
def test_create(request: AuthenticatedHttpRequest, vin: str) -> HttpResponse:
    car = vehicle_get(vin=vin)
    values, missing = _values(car)
    if values is None:
        messages.error(request, missing)
        return redirect("emissions:vehicle", vin=car.vin)
    now = clock.now()
    report = obd_from_report(organisation=request.user.organisation, vehicle=car, now=now)
    ask_obd = values.obd_check and report is None
    status = 200
    if request.method == "POST":
        form = RecordForm(request.POST, nominals=values.nominals, ask_obd=ask_obd)
        if form.is_valid():
            try:
                test = emissions_test_record(
                    actor=request.user,
                    vehicle=car,
                    data=form.test_input(),
                    source=EmissionsTest.Source.FORM,
                )
            except RuleViolation as violation:
                form.add_violation(violation)
            else:
                if test.passed:
                    messages.success(request, _("The emissions test has been stored: passed."))
                else:
                    messages.warning(request, _("The emissions test has been stored: failed."))
                return redirect("emissions:test", test_id=test.pk)
        status = 422
    else:
        form = RecordForm(
            initial={
                "tested_at": timezone.localtime(now).strftime("%Y-%m-%d %H:%M"),
                "tester": request.user.full_name,
            },
            nominals=values.nominals,
            ask_obd=ask_obd,
        )
    context = _screen(request, car, values=values, form=form, report=report)
    return render(request, "emissions/test_form.html", context, status=status)


def _test_context(test: EmissionsTest) -> dict[str, object]:
    return {
        "test": test,
        "rows": test_rows(test),
        "obd_failures": obd_failure_texts(test),
        **verification_context(test),
    }


@application_required(APPLICATION_SLUG)
def test_detail(request: AuthenticatedHttpRequest, test_id: int) -> HttpResponse:
    test = emissions_test_get(actor=request.user, test_id=test_id)
    context = _screen(request, test.vehicle, **_test_context(test))
    return render(request, "emissions/test.html", context)


@application_required(APPLICATION_SLUG)
def certificate(request: AuthenticatedHttpRequest, test_id: int) -> HttpResponse:
    """The certificate of a passed test (a failed test has none: 404)."""
    test = emissions_test_get(actor=request.user, test_id=test_id)
    if not test.passed:
        raise Http404(_("A failed test has no certificate."))
    html = render_to_string(
        "emissions/pdf/certificate.html",
        {
            **_test_context(test),
            "vehicle": test.vehicle,
            "organisation": test.organisation,
            "printed_at": timezone.localtime(clock.now()),
        },
        request=request,
    )
    return pdf_response(
        html, filename=f"emissions-certificate-{test.number}.pdf", request=request, inline=True
    )
