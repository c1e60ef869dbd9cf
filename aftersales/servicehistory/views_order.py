"""The order screens: Service data, Order base (with consent), printouts, correction, cancel."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aftersales import clock
from aftersales.accounts.models import User
from aftersales.accounts.vat import vat_rate
from aftersales.portal.errors import RuleViolation
from aftersales.portal.pdf import pdf_response
from aftersales.vehicles.models import Vehicle
from aftersales.vehicles.selectors import vehicle_get

from . import rules, services
from .access import client_ip, service_history_required
from .cbs import position_label
from .forms import CancellationForm, CorrectionForm, OrderBaseForm, ServiceDataForm, add_violation
from .selectors import service_entry_get
from .session import order_finish, order_get, order_save
from .views import cbs_rows, history_url, screen


@service_history_required
def service_data(request: HttpRequest, vin: str) -> HttpResponse:
    vehicle = vehicle_get(vin=vin)
    rows = cbs_rows(vehicle)
    choices = [(row["position"].code, position_label(row["position"])) for row in rows]
    order = order_get(request, vehicle.vin)
    needs_confirmation = bool(order["confirm_mileage_jump"])
    if request.method == "POST":
        form = ServiceDataForm(request.POST, choices=choices)
        form.is_valid()
        data = {key: form.cleaned_data.get(key) for key in form.fields}
        order = order_save(
            request,
            vehicle.vin,
            positions=data["positions"] or [],
            mileage=data["mileage"] or "",
            maintenance_date=data["maintenance_date"] or "",
            confirm_mileage_jump=bool(data["confirm_mileage_jump"]),
        )
        __, errors = services.service_entry_check(
            vehicle=vehicle,
            mileage=order["mileage"],
            maintenance_date=order["maintenance_date"],
            position_codes=order["positions"],
            confirm_mileage_jump=order["confirm_mileage_jump"],
        )
        if not errors:
            return redirect("servicehistory:order_base", vin=vehicle.vin)
        for violation in errors:
            add_violation(form, violation)
            needs_confirmation |= bool(violation.extra.get("needs_confirmation"))
    else:
        form = ServiceDataForm(
            choices=choices,
            initial={
                "positions": order["positions"],
                "mileage": order["mileage"],
                "maintenance_date": order["maintenance_date"] or clock.today().isoformat(),
                "confirm_mileage_jump": order["confirm_mileage_jump"],
            },
        )
    selected = set(form["positions"].value() or [])
    context = screen(
        request,
        vehicle,
        "service_data",
        form=form,
        rows=rows,
        selected=selected,
        needs_confirmation=needs_confirmation,
    )
    return render(request, "servicehistory/service_data.html", context)


def _order_context(request: HttpRequest, vehicle: Vehicle, order: dict[str, Any]) -> dict[str, Any]:
    user: User = request.user  # type: ignore[assignment]
    lines = services.order_base_lines(
        organisation=user.organisation,  # type: ignore[arg-type]
        vehicle=vehicle,  # type: ignore[arg-type]
        position_codes=order["positions"],
        removed=order["removed"],
    )
    prices = [line.package_price_gross for line in lines if not line.removed]
    known = [price for price in prices if price is not None]
    total = sum(known, Decimal("0")) if known and len(known) == len(prices) else None
    organisation = user.organisation
    return {
        "lines": lines,
        "total": total,
        "order": order,
        "organisation": organisation,
        "vat_rate": vat_rate(organisation.country) if organisation else Decimal("0"),
        "last_entry_id": order["last_entry_id"],
    }


@service_history_required
def order_base(request: HttpRequest, vin: str) -> HttpResponse:
    vehicle = vehicle_get(vin=vin)
    order = order_get(request, vehicle.vin)
    if not order["positions"]:
        messages.info(request, _("Please select the positions done under “Service data” first."))
        return redirect("servicehistory:service_data", vin=vehicle.vin)
    show_consent = False
    form = OrderBaseForm(initial={"comment": order["comment"]})
    if request.method == "POST":
        form = OrderBaseForm(request.POST)
        form.is_valid()
        order = order_save(request, vehicle.vin, comment=form.cleaned_data.get("comment") or "")
        step = request.POST.get("step", "")
        if "toggle" in request.POST:
            removed = set(order["removed"]) ^ {request.POST["toggle"]}
            order = order_save(request, vehicle.vin, removed=sorted(removed))
        elif step == "print":
            return _order_base_pdf(request, vehicle, order)
        elif step == "consent":
            show_consent = True
        elif step == "store":
            show_consent = True
            try:
                entry = services.service_entry_create(
                    actor=request.user,  # type: ignore[arg-type]
                    vehicle=vehicle,
                    mileage=order["mileage"],  # type: ignore[arg-type]
                    maintenance_date=order["maintenance_date"],
                    position_codes=order["positions"],
                    comment=order["comment"],
                    consent=bool(form.cleaned_data.get("consent")),
                    ip_address=client_ip(request),
                    confirm_mileage_jump=order["confirm_mileage_jump"],
                    removed_lines=order["removed"],
                )
            except RuleViolation as violation:
                add_violation(form, violation)
            else:
                order_finish(request, vehicle.vin, entry_id=entry.pk)
                messages.success(
                    request,
                    _(
                        "The service history entry %(number)s has been stored. It reaches the vehicle "
                        "after a transfer by the diagnosis tool."
                    )
                    % {"number": entry.number},
                )
                return redirect(history_url(vehicle, stored=entry.pk))
    __, problems = services.service_entry_check(
        vehicle=vehicle,
        mileage=order["mileage"],
        maintenance_date=order["maintenance_date"],
        position_codes=order["positions"],
        confirm_mileage_jump=order["confirm_mileage_jump"],
    )
    context = screen(
        request,
        vehicle,
        "order_base",
        form=form,
        show_consent=show_consent,
        problems=[] if form.non_field_errors() else problems,
        **_order_context(request, vehicle, order),
    )
    return render(request, "servicehistory/order_base.html", context)


@service_history_required
@require_POST
def order_base_comment(request: HttpRequest, vin: str) -> HttpResponse:
    """htmx saves the comment while it is typed, so that it survives every step."""
    vehicle = vehicle_get(vin=vin)
    order_save(request, vehicle.vin, comment=request.POST.get("comment", "")[:5000])
    return HttpResponse(status=204)


def _order_base_pdf(request: HttpRequest, vehicle: Vehicle, order: dict[str, Any]) -> HttpResponse:
    context = {
        "vehicle": vehicle,
        "organisation": request.user.organisation,  # type: ignore[union-attr]
        "printed_at": clock.now(),
        **_order_context(request, vehicle, order),
    }
    html = render_to_string("servicehistory/pdf/order_base.html", context, request)
    return pdf_response(html, filename=f"order-base-{vehicle.vin}.pdf", request=request)


@service_history_required
def order_base_pdf(request: HttpRequest, vin: str) -> HttpResponse:
    vehicle = vehicle_get(vin=vin)
    return _order_base_pdf(request, vehicle, order_get(request, vehicle.vin))


@service_history_required
def service_sheet(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = service_entry_get(actor=request.user, entry_id=entry_id)  # type: ignore[arg-type]
    html = render_to_string(
        "servicehistory/pdf/service_sheet.html",
        {
            "entry": entry,
            "vehicle": entry.vehicle,
            "lines": entry.lines.all(),
            "printed_at": clock.now(),
        },
        request,
    )
    return pdf_response(
        html, filename=f"service-sheet-{entry.number.replace('/', '-')}.pdf", request=request
    )


def _denied(request: HttpRequest, violation: RuleViolation) -> HttpResponse:
    return render(
        request,
        "servicehistory/entry_denied.html",
        {"violation": violation},
        status=violation.status,
    )


@service_history_required
def entry_correct(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = service_entry_get(actor=request.user, entry_id=entry_id)  # type: ignore[arg-type]
    vehicle = entry.vehicle
    rows = cbs_rows(vehicle)
    choices = [(row["position"].code, position_label(row["position"])) for row in rows]
    try:
        rules.require_entering_organisation(actor=request.user, entry=entry)  # type: ignore[arg-type]
    except RuleViolation as violation:
        return _denied(request, violation)
    if request.method == "POST":
        form = CorrectionForm(request.POST, choices=choices)
        form.is_valid()
        try:
            correction = services.service_entry_correct(
                actor=request.user,  # type: ignore[arg-type]
                entry=entry,  # type: ignore[arg-type]
                position_codes=form.cleaned_data.get("positions") or [],
                comment=form.cleaned_data.get("comment") or "",
                ip_address=client_ip(request),
            )
        except RuleViolation as violation:
            add_violation(form, violation)
        else:
            messages.success(
                request,
                _("The correction %(number)s has been stored.") % {"number": correction.number},
            )
            return redirect(history_url(vehicle, stored=correction.pk))
    else:
        form = CorrectionForm(
            choices=choices,
            initial={
                "positions": [p.code for p in entry.positions.all()],
                "comment": entry.comment,
            },
        )
    context = screen(request, vehicle, "history", form=form, entry=entry)
    return render(request, "servicehistory/entry_correct.html", context)


@service_history_required
def entry_cancel(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = service_entry_get(actor=request.user, entry_id=entry_id)  # type: ignore[arg-type]
    try:
        rules.require_entering_organisation(actor=request.user, entry=entry)  # type: ignore[arg-type]
    except RuleViolation as violation:
        return _denied(request, violation)
    form = CancellationForm(request.POST or None)
    if request.method == "POST":
        form.is_valid()
        try:
            services.service_entry_cancel(
                actor=request.user,  # type: ignore[arg-type]
                entry=entry,  # type: ignore[arg-type]
                reason=form.cleaned_data.get("reason") or "",
                ip_address=client_ip(request),
            )
        except RuleViolation as violation:
            add_violation(form, violation)
        else:
            messages.success(
                request, _("The entry %(number)s has been cancelled.") % {"number": entry.number}
            )
            return redirect(history_url(entry.vehicle, stored=entry.pk))
    context = screen(request, entry.vehicle, "history", form=form, entry=entry)
    return render(request, "servicehistory/entry_cancel.html", context)
