"""A stored entry: its service sheet, its correction and its cancellation."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from aftersales import clock
from aftersales.catalogue.decorators import application_required
from aftersales.portal.errors import RuleViolation
from aftersales.portal.forms import add_violation
from aftersales.portal.http import AuthenticatedHttpRequest, client_ip
from aftersales.portal.pdf import pdf_response

from .. import rules, services
from ..forms import CancellationForm, CorrectionForm
from ..selectors import APPLICATION_SLUG, service_entry_get
from .screen import cbs_rows, history_url, position_choices, screen


@application_required(APPLICATION_SLUG)
def service_sheet(request: AuthenticatedHttpRequest, entry_id: int) -> HttpResponse:
    entry = service_entry_get(actor=request.user, entry_id=entry_id)
    context = {
        "entry": entry,
        "vehicle": entry.vehicle,
        "lines": entry.lines.all(),
        "printed_at": clock.now(),
    }
    html = render_to_string("servicehistory/pdf/service_sheet.html", context, request)
    filename = f"service-sheet-{entry.number.replace('/', '-')}.pdf"
    return pdf_response(html, filename=filename, request=request)


def _denied(request: AuthenticatedHttpRequest, violation: RuleViolation) -> HttpResponse:
    return render(
        request,
        "servicehistory/entry_denied.html",
        {"violation": violation},
        status=violation.status,
    )


@application_required(APPLICATION_SLUG)
def entry_correct(request: AuthenticatedHttpRequest, entry_id: int) -> HttpResponse:
    entry = service_entry_get(actor=request.user, entry_id=entry_id)
    vehicle = entry.vehicle
    try:
        rules.require_entering_organisation(actor=request.user, entry=entry)
    except RuleViolation as violation:
        return _denied(request, violation)
    choices = position_choices(cbs_rows(vehicle))
    if request.method == "POST":
        form = CorrectionForm(request.POST, choices=choices)
        form.is_valid()
        try:
            correction = services.service_entry_correct(
                actor=request.user,
                entry=entry,
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
                "positions": [p.code for p in entry.done_positions],
                "comment": entry.comment,
            },
        )
    context = screen(request, vehicle, "history", form=form, entry=entry)
    return render(request, "servicehistory/entry_correct.html", context)


@application_required(APPLICATION_SLUG)
def entry_cancel(request: AuthenticatedHttpRequest, entry_id: int) -> HttpResponse:
    entry = service_entry_get(actor=request.user, entry_id=entry_id)
    try:
        rules.require_entering_organisation(actor=request.user, entry=entry)
    except RuleViolation as violation:
        return _denied(request, violation)
    form = CancellationForm(request.POST or None)
    if request.method == "POST":
        form.is_valid()
        try:
            services.service_entry_cancel(
                actor=request.user,
                entry=entry,
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
