"""Certificate pages: the workshop issues, prints and revokes (Service history access); anyone
verifies by code at /verify/<code>/ without an account (rate-limited per address)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aftersales import clock
from aftersales.catalogue.decorators import application_required
from aftersales.portal.errors import RuleViolation
from aftersales.portal.forms import add_violation
from aftersales.portal.http import AuthenticatedHttpRequest, client_ip
from aftersales.portal.pdf import pdf_response
from aftersales.servicehistory.selectors import APPLICATION_SLUG
from aftersales.vehicles.selectors import vehicle_get

from .forms import IssueForm, RevokeForm, VerifyForm
from .kinds import certificate_kind
from .qr import qr_data_uri, verify_url
from .ratelimit import wait_seconds
from .selectors import (
    certificate_by_code,
    certificate_get,
    certificate_public,
    certificate_status,
    certificates_of,
    code_normalize,
)
from .services import certificate_issue, certificate_revoke

View = TypeVar("View", bound=Callable[..., HttpResponse])


def kind_application_required(view: View) -> View:
    """The gate of a certificate's own pages: the certificate of the user's workshop (any other
    is a 404, certificate_get), and `application_required` of its kind's application (Service
    history for a service history certificate, State of charge for a battery health one)."""

    @login_required
    @wraps(view)
    def wrapper(request: AuthenticatedHttpRequest, certificate_id: int) -> HttpResponse:
        certificate = certificate_get(actor=request.user, certificate_id=certificate_id)
        gate = application_required(certificate_kind(certificate.kind).application)
        return gate(view)(request, certificate_id=certificate_id)

    return wrapper  # type: ignore[return-value]  # wraps() keeps the signature


@application_required(APPLICATION_SLUG)
def issue(request: AuthenticatedHttpRequest, vin: str) -> HttpResponse:
    vehicle = vehicle_get(vin=vin)
    form = IssueForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            certificate = certificate_issue(
                actor=request.user,
                vehicle=vehicle,
                include_comments=form.cleaned_data["include_comments"],
            )
        except RuleViolation as violation:
            add_violation(form, violation)
        else:
            messages.success(request, _("The certificate is issued."))
            return redirect("certificates:detail", certificate_id=certificate.pk)
    context = {
        "vehicle": vehicle,
        "form": form,
        "certificates": certificates_of(actor=request.user, vehicle=vehicle),
    }
    return render(request, "certificates/issue.html", context)


@kind_application_required
def detail(request: AuthenticatedHttpRequest, certificate_id: int) -> HttpResponse:
    certificate = certificate_get(actor=request.user, certificate_id=certificate_id)
    return render(
        request,
        "certificates/detail.html",
        {
            "certificate": certificate,
            "kind": certificate_kind(certificate.kind),
            "snapshot": certificate.snapshot,
            "qr": qr_data_uri(certificate),
            "verify_url": verify_url(certificate),
            "revoke_form": RevokeForm(),
        },
    )


@kind_application_required
def pdf(request: AuthenticatedHttpRequest, certificate_id: int) -> HttpResponse:
    certificate = certificate_get(actor=request.user, certificate_id=certificate_id)
    html = render_to_string(
        "certificates/pdf/certificate.html",
        {
            "certificate": certificate,
            "kind": certificate_kind(certificate.kind),
            "snapshot": certificate.snapshot,
            "qr": qr_data_uri(certificate, scale=3),
            "verify_url": verify_url(certificate),
            "printed_at": clock.now(),
            "pdf": True,
        },
        request,
    )
    filename = f"certificate-{certificate.snapshot.get('vin', '')}-{certificate.code[:4]}.pdf"
    return pdf_response(html, filename=filename, request=request)


@require_POST
@kind_application_required
def revoke(request: AuthenticatedHttpRequest, certificate_id: int) -> HttpResponse:
    certificate = certificate_get(actor=request.user, certificate_id=certificate_id)
    form = RevokeForm(request.POST)
    if form.is_valid():
        try:
            certificate_revoke(
                actor=request.user, certificate=certificate, reason=form.cleaned_data["reason"]
            )
        except RuleViolation as violation:
            add_violation(form, violation)
        else:
            messages.success(request, _("The certificate is revoked; its verify page says so."))
            return redirect("certificates:detail", certificate_id=certificate.pk)
    context = {
        "certificate": certificate,
        "kind": certificate_kind(certificate.kind),
        "snapshot": certificate.snapshot,
        "qr": qr_data_uri(certificate),
        "verify_url": verify_url(certificate),
        "revoke_form": form,
    }
    return render(request, "certificates/detail.html", context, status=422)


def verify_form(request: HttpRequest) -> HttpResponse:
    """Where a buyer types the code printed on a certificate."""
    form = VerifyForm(request.GET or None)
    if form.is_bound and form.is_valid():
        code = code_normalize(form.cleaned_data["code"])
        return redirect(reverse("certificates:verify", kwargs={"code": code}))
    return render(request, "certificates/verify_form.html", {"form": form})


def verify(request: HttpRequest, code: str) -> HttpResponse:
    """What the certificate said at issue, whether it still holds, what was added since."""
    wait = wait_seconds(scope="page", address=client_ip(request))
    if wait is not None:
        response = render(request, "certificates/verify_limited.html", {"wait": wait}, status=429)
        response["Retry-After"] = str(wait)
        return response
    certificate = certificate_by_code(code=code)
    if certificate is None:
        form = VerifyForm(initial={"code": code})
        context = {"form": form, "not_found": True}
        return render(request, "certificates/verify_form.html", context, status=404)
    status = certificate_status(certificate)
    context = {
        "certificate": certificate,
        "kind": certificate_kind(certificate.kind),
        "snapshot": certificate.snapshot,
        "status": status,
        "result": certificate_public(status),
    }
    response = render(request, "certificates/verify.html", context)
    response["Cache-Control"] = "no-store"  # a revocation shows at once
    response["X-Robots-Tag"] = "noindex"
    return response
