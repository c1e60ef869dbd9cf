"""The workshop's screens: VIN entry; the vehicle's labour operations (search by number or
words, only those valid for it) and service packages; an operation's and a package's detail; and
"Add", which puts them on the order base of Service history (the one order pipeline) with a
quantity. What is on the order stays in the order draft of the session, per VIN."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aftersales.accounts.vat import vat_rate
from aftersales.catalogue.decorators import application_required
from aftersales.orders.drafts import draft_get, draft_item_add, draft_item_remove, draft_save
from aftersales.orders.lines import LineKind, OrderLine
from aftersales.orders.pricing import labour_price_per_fru_gross
from aftersales.orders.selectors import order_build
from aftersales.portal.errors import RuleViolation
from aftersales.portal.forms import add_violation
from aftersales.portal.http import AuthenticatedHttpRequest
from aftersales.portal.money import to_cent
from aftersales.vehicles.models import Vehicle
from aftersales.vehicles.notices import vehicle_notices
from aftersales.vehicles.selectors import vehicle_get, vehicle_lookup

from . import rules
from .forms import QuantityForm, SearchForm, VinForm
from .models import LabourOperation, ServicePackage
from .selectors import (
    APPLICATION_SLUG,
    PackageContent,
    labour_operation_for_vehicle,
    labour_operations_for_vehicle,
    package_contents,
    package_for_vehicle,
    packages_for_vehicle,
    unit_minutes,
)


@dataclass(frozen=True)
class Offer:
    """An operation as the workshop sees it for this vehicle: time in FRU and its price."""

    operation: LabourOperation
    fru: Decimal
    price_gross: Decimal | None
    error: str = ""
    quantity: str = "1"


@dataclass(frozen=True)
class PackageOffer:
    content: PackageContent
    fru: Decimal
    price_gross: Decimal | None  # labour + priced materials, or the fixed price; None unknown


class Pricing:
    """The workshop's prices for one vehicle: its rate and VAT, the brand's unit length."""

    def __init__(self, request: AuthenticatedHttpRequest, vehicle: Vehicle) -> None:
        self.organisation = request.user.organisation
        self.minutes = unit_minutes(brand=vehicle.brand)
        self.per_fru = labour_price_per_fru_gross(self.organisation)
        country = self.organisation.country if self.organisation else ""
        self.vat = vat_rate(country) if self.organisation else None

    def gross(self, net: Decimal | None) -> Decimal | None:
        if net is None or self.vat is None:
            return None
        return net * (1 + self.vat / 100)

    def offer(self, operation: LabourOperation, **extra: Any) -> Offer:
        assert operation.current is not None
        fru = rules.fru(operation.current.units, unit_minutes=self.minutes)
        price = to_cent(fru * self.per_fru) if self.per_fru is not None else None
        return Offer(operation=operation, fru=fru, price_gross=price, **extra)

    def package(self, content: PackageContent) -> PackageOffer:
        package = content.package
        fru = content.units_fru(self.minutes)
        if package.fixed_price is not None:
            gross = self.gross(package.fixed_price)
            return PackageOffer(content, fru, to_cent(gross) if gross is not None else None)
        if self.per_fru is None:
            return PackageOffer(content, fru, None)
        total = fru * self.per_fru
        for material in package.materials.all():
            price = self.gross(material.unit_price)
            if price is None:
                return PackageOffer(content, fru, None)
            total += material.quantity * price
        return PackageOffer(content, fru, to_cent(total))


def _screen(request: AuthenticatedHttpRequest, vehicle: Vehicle, **extra: object) -> dict:
    organisation = request.user.organisation
    order = order_build(
        organisation=organisation, vehicle=vehicle, draft=draft_get(request, vehicle.vin)
    )
    rows: list[tuple[OrderLine, str]] = []
    seen: set[str] = set()
    for line in order.active_lines_of(LineKind.LABOUR):
        item = line.item or line.number  # what the remove button takes off: the draft item
        rows.append((line, "" if item in seen else item))
        seen.add(item)
    return {
        "vehicle": vehicle,
        "notices": vehicle_notices(vehicle=vehicle, user=request.user),
        "vin_form": VinForm(initial={"vin": vehicle.vin}),
        "order_rows": rows,
        "order_count": len(order.active_lines),
        "order_total": order.total_gross,
        "organisation": organisation,
        **extra,
    }


def _operation(vehicle: Vehicle, pk: int) -> LabourOperation:
    try:
        return labour_operation_for_vehicle(vehicle=vehicle, pk=pk)
    except RuleViolation as violation:
        raise Http404(violation.message) from None


def _package(vehicle: Vehicle, number: str) -> ServicePackage:
    try:
        return package_for_vehicle(vehicle=vehicle, number=number)
    except RuleViolation as violation:
        raise Http404(violation.message) from None


def _vehicle_url(vehicle: Vehicle, search: str = "") -> str:
    url = reverse("servicedata:vehicle", kwargs={"vin": vehicle.vin})
    return f"{url}?{urlencode({'q': search})}" if search else url


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
                return redirect("servicedata:vehicle", vin=found.vehicle.vin)
            candidates = found.candidates
    context = {"vin_form": form, "candidates": candidates}
    return render(request, "servicedata/vin_entry.html", context)


def _vehicle_page(
    request: AuthenticatedHttpRequest,
    vehicle: Vehicle,
    *,
    search: str,
    failed: tuple[int, str, str] | None = None,
    status: int = 200,
) -> HttpResponse:
    """The search page; `failed` = (operation id, typed quantity, error) keeps a refused add."""
    form = SearchForm({"q": search})
    form.is_valid()
    found = labour_operations_for_vehicle(vehicle=vehicle, search=form.cleaned_data.get("q", ""))
    pricing = Pricing(request, vehicle)
    offers = []
    for operation in found.operations:
        if failed and failed[0] == operation.pk:
            offers.append(pricing.offer(operation, quantity=failed[1], error=failed[2]))
        else:
            offers.append(pricing.offer(operation))
    packages = [
        pricing.package(content)
        for content in package_contents(
            vehicle=vehicle, packages=packages_for_vehicle(vehicle=vehicle)
        )
    ]
    context = _screen(
        request,
        vehicle,
        search_form=form,
        search=found.search,
        offers=offers,
        more=found.more,
        packages=packages,
        pricing=pricing,
    )
    template = "servicedata/vehicle.html"
    if request.headers.get("HX-Request") and request.method == "GET":
        template = "servicedata/_results.html"
    return render(request, template, context, status=status)


@application_required(APPLICATION_SLUG)
def vehicle_operations(request: AuthenticatedHttpRequest, vin: str) -> HttpResponse:
    vehicle = vehicle_get(vin=vin)
    return _vehicle_page(request, vehicle, search=request.GET.get("q", "")[:100])


@application_required(APPLICATION_SLUG)
def operation_detail(request: AuthenticatedHttpRequest, vin: str, pk: int) -> HttpResponse:
    vehicle = vehicle_get(vin=vin)
    operation = _operation(vehicle, pk)
    pricing = Pricing(request, vehicle)
    context = _screen(request, vehicle, offer=pricing.offer(operation), version=operation.current)
    return render(request, "servicedata/operation.html", context)


@application_required(APPLICATION_SLUG)
def package_detail(request: AuthenticatedHttpRequest, vin: str, number: str) -> HttpResponse:
    vehicle = vehicle_get(vin=vin)
    package = _package(vehicle, number)
    pricing = Pricing(request, vehicle)
    [content] = package_contents(vehicle=vehicle, packages=[package])
    offers = [
        (row, pricing.offer(operation) if operation is not None else None)
        for row, operation in content.operations
    ]
    context = _screen(
        request, vehicle, offer=pricing.package(content), rows=offers, package=package
    )
    return render(request, "servicedata/package.html", context)


def _un_remove(request: AuthenticatedHttpRequest, vin: str, number: str) -> None:
    """A line taken off with ± and added again is on the order again."""
    draft = draft_get(request, vin)
    key = f"{LineKind.LABOUR}:{number}"
    if key in draft.removed:
        draft_save(request, vin, removed=[k for k in draft.removed if k != key])


@application_required(APPLICATION_SLUG)
@require_POST
def operation_add(request: AuthenticatedHttpRequest, vin: str, pk: int) -> HttpResponse:
    """Puts the operation (its current version, pinned) on the order with the quantity typed;
    a bad quantity is refused next to the row (CSD-0003), keeping what was typed."""
    vehicle = vehicle_get(vin=vin)
    operation = _operation(vehicle, pk)
    form = QuantityForm(request.POST)
    form.is_valid()
    typed = form.cleaned_data.get("quantity", "")
    search = form.cleaned_data.get("q", "")
    try:
        quantity = rules.parse_quantity(typed)
    except RuleViolation as violation:
        failed = (operation.pk, typed, str(violation))
        return _vehicle_page(request, vehicle, search=search, failed=failed, status=422)
    draft_item_add(
        request,
        vehicle.vin,
        kind=LineKind.LABOUR,
        number=operation.number,
        quantity=f"{quantity:f}",
        version=str(operation.current_id),
    )
    _un_remove(request, vehicle.vin, operation.number)
    messages.success(
        request,
        _("%(number)s %(description)s (quantity %(quantity)s) is on the order base.")
        % {
            "number": operation.number,
            "description": operation.current.text("description", get_language())
            if operation.current
            else "",
            "quantity": f"{quantity:f}",
        },
    )
    return HttpResponseRedirect(_vehicle_url(vehicle, search))


@application_required(APPLICATION_SLUG)
@require_POST
def package_add(request: AuthenticatedHttpRequest, vin: str, number: str) -> HttpResponse:
    vehicle = vehicle_get(vin=vin)
    package = _package(vehicle, number)
    draft_item_add(request, vehicle.vin, kind=LineKind.LABOUR, number=package.number, package="1")
    messages.success(
        request,
        _("Service package %(number)s %(name)s is on the order base.")
        % {"number": package.number, "name": package.localized_name(get_language())},
    )
    return HttpResponseRedirect(_vehicle_url(vehicle, request.POST.get("q", "")[:100]))


@application_required(APPLICATION_SLUG)
@require_POST
def item_remove(request: AuthenticatedHttpRequest, vin: str) -> HttpResponse:
    vehicle = vehicle_get(vin=vin)
    number = request.POST.get("number", "")[:30]
    draft_item_remove(request, vehicle.vin, kind=LineKind.LABOUR, number=number)
    return HttpResponseRedirect(_vehicle_url(vehicle, request.POST.get("q", "")[:100]))
