"""The order screens: Service data and Order base (with the declaration of consent).

What the user chooses is kept in the order draft (aftersales.orders.drafts) per VIN; the order
itself, with its lines and total, is built by `order_build` for the page and the PDF alike.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aftersales import clock
from aftersales.accounts.vat import vat_rate
from aftersales.catalogue.decorators import application_required
from aftersales.orders.drafts import OrderDraft, draft_finish, draft_get, draft_save
from aftersales.orders.selectors import order_build, order_panels
from aftersales.portal.errors import RuleViolation
from aftersales.portal.forms import add_violation
from aftersales.portal.http import AuthenticatedHttpRequest, client_ip
from aftersales.portal.pdf import pdf_response
from aftersales.portal.text import text_violation
from aftersales.vehicles.models import Vehicle
from aftersales.vehicles.selectors import vehicle_get

from .. import services
from ..forms import OrderBaseForm, ServiceDataForm
from ..selectors import APPLICATION_SLUG
from .screen import cbs_rows, history_url, position_choices, screen


def _draft_from_form(
    request: AuthenticatedHttpRequest, vin: str, form: ServiceDataForm
) -> OrderDraft:
    """Keeps what was typed in the draft, valid or not, so that no error loses it."""
    form.is_valid()
    typed = form.cleaned_data
    return draft_save(
        request,
        vin,
        positions=typed.get("positions") or [],
        mileage=typed.get("mileage") or "",
        maintenance_date=typed.get("maintenance_date") or "",
        confirm_mileage_jump=bool(typed.get("confirm_mileage_jump")),
    )


def _form_from_draft(draft: OrderDraft, choices: list[tuple[str, str]]) -> ServiceDataForm:
    initial = {
        "positions": draft.positions,
        "mileage": draft.mileage,
        "maintenance_date": draft.maintenance_date or clock.today().isoformat(),
        "confirm_mileage_jump": draft.confirm_mileage_jump,
    }
    return ServiceDataForm(choices=choices, initial=initial)


@application_required(APPLICATION_SLUG)
def service_data(request: AuthenticatedHttpRequest, vin: str) -> HttpResponse:
    vehicle = vehicle_get(vin=vin)
    rows = cbs_rows(vehicle)
    draft = draft_get(request, vehicle.vin)
    needs_confirmation = draft.confirm_mileage_jump
    form = _form_from_draft(draft, position_choices(rows))
    if request.method == "POST":
        form = ServiceDataForm(request.POST, choices=position_choices(rows))
        draft = _draft_from_form(request, vehicle.vin, form)
        __, violations = services.service_entry_check(vehicle=vehicle, draft=draft)
        if not violations:
            return redirect("servicehistory:order_base", vin=vehicle.vin)
        for violation in violations:
            add_violation(form, violation)
            needs_confirmation |= bool(violation.extra.get("needs_confirmation"))
    context = screen(
        request,
        vehicle,
        "service_data",
        form=form,
        rows=rows,
        selected=set(form["positions"].value() or []),
        needs_confirmation=needs_confirmation,
    )
    return render(request, "servicehistory/service_data.html", context)


def _order_context(
    request: AuthenticatedHttpRequest, vehicle: Vehicle, draft: OrderDraft
) -> dict[str, Any]:
    organisation = request.user.organisation
    order = order_build(organisation=organisation, vehicle=vehicle, draft=draft)
    return {
        "order": order,
        "lines": order.lines,
        # What other applications say about the order (Workshop equipment: special tools).
        "panels": order_panels(order=order, vehicle=vehicle, user=request.user),
        "total": order.total_gross,
        "draft": draft,
        "organisation": organisation,
        "vat_rate": vat_rate(organisation.country) if organisation else None,
        "last_entry_id": draft.last_entry_id,
    }


def _store(
    request: AuthenticatedHttpRequest, vehicle: Vehicle, draft: OrderDraft, form: OrderBaseForm
) -> HttpResponse | None:
    """Stores the entry; on a refusal, puts it on the form and returns None."""
    try:
        entry = services.service_entry_create(
            actor=request.user,
            vehicle=vehicle,
            draft=draft,
            consent=bool(form.cleaned_data.get("consent")),
            ip_address=client_ip(request),
        )
    except RuleViolation as violation:
        add_violation(form, violation)
        return None
    draft_finish(request, vehicle.vin, entry_id=entry.pk)
    messages.success(
        request,
        _(
            "The service history entry %(number)s has been stored. It reaches the vehicle "
            "after a transfer by the diagnosis tool."
        )
        % {"number": entry.number},
    )
    return redirect(history_url(vehicle, stored=entry.pk))


@application_required(APPLICATION_SLUG)
def order_base(request: AuthenticatedHttpRequest, vin: str) -> HttpResponse:
    vehicle = vehicle_get(vin=vin)
    draft = draft_get(request, vehicle.vin)
    if not draft.positions and not draft.items:
        messages.info(request, _("Please select the positions done under “Service data” first."))
        return redirect("servicehistory:service_data", vin=vehicle.vin)
    form = OrderBaseForm(initial={"comment": draft.comment})
    step = ""
    if request.method == "POST":
        form = OrderBaseForm(request.POST)
        if form.is_valid():
            draft = draft_save(request, vehicle.vin, comment=form.cleaned_data["comment"] or "")
        step = request.POST.get("step", "")
        if "toggle" in request.POST:
            removed = set(draft.removed) ^ {request.POST["toggle"]}
            draft = draft_save(request, vehicle.vin, removed=sorted(removed))
        elif step == "print":
            return _order_base_pdf(request, vehicle, draft)
        elif step == "store" and form.is_valid():  # a refused comment is shown, not lost
            stored = _store(request, vehicle, draft, form)
            if stored is not None:
                return stored
    problems: list[RuleViolation] = []
    if not form.errors:
        # The rules run once for the page: what still blocks storing, shown above the order.
        __, problems = services.service_entry_check(vehicle=vehicle, draft=draft)
    context = screen(
        request,
        vehicle,
        "order_base",
        form=form,
        # Without JavaScript, "Create service history entry" comes back here with the consent.
        show_consent=step in ("consent", "store"),
        problems=problems,
        **_order_context(request, vehicle, draft),
    )
    return render(request, "servicehistory/order_base.html", context)


@application_required(APPLICATION_SLUG)
@require_POST
def order_base_comment(request: AuthenticatedHttpRequest, vin: str) -> HttpResponse:
    """htmx saves the comment while it is typed, so that it survives every step."""
    vehicle = vehicle_get(vin=vin)
    comment = request.POST.get("comment", "")[:5000]
    if text_violation(comment, multiline=True) is not None:
        return HttpResponse(status=422)  # the form says why when it is sent
    draft_save(request, vehicle.vin, comment=comment)
    return HttpResponse(status=204)


def _order_base_pdf(
    request: AuthenticatedHttpRequest, vehicle: Vehicle, draft: OrderDraft
) -> HttpResponse:
    context = {
        "vehicle": vehicle,
        "printed_at": clock.now(),
        **_order_context(request, vehicle, draft),
    }
    html = render_to_string("servicehistory/pdf/order_base.html", context, request)
    return pdf_response(html, filename=f"order-base-{vehicle.vin}.pdf", request=request)
