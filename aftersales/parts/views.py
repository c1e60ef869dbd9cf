"""The workshop's screens: VIN entry → the vehicle's tree of main groups and subgroups →
a subgroup's illustrations → an illustration with clickable hotspots and its parts rows →
"Add to order" (the vehicle's order base of Service history, the one order pipeline). The
search finds parts by number or words. The illustration's drawing is served by a view, never
from a public URL."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aftersales import clock
from aftersales.catalogue.decorators import application_required
from aftersales.orders.drafts import draft_get, draft_item_add, draft_item_remove
from aftersales.orders.lines import LineKind
from aftersales.portal.errors import RuleViolation
from aftersales.portal.forms import add_violation
from aftersales.portal.http import AuthenticatedHttpRequest
from aftersales.vehicles.models import Vehicle
from aftersales.vehicles.notices import vehicle_notices
from aftersales.vehicles.selectors import vehicle_get, vehicle_lookup

from . import numbers
from .forms import AddPartForm, SearchForm, VinForm
from .models import Illustration
from .rules import parse_quantity
from .selectors import (
    APPLICATION_SLUG,
    illustration_for_vehicle,
    part_get,
    part_search,
    parts_by_number,
    subgroup_for_vehicle,
    vehicle_tree,
)

# The illustration's drawing: shown in an <img>/<image> only, never as a page of its own.
IMAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; sandbox"


def _scoped(call: Any, **kwargs: Any) -> Any:
    """Runs a scoping selector; its EPC-0002 (not for this vehicle) becomes a 404 page."""
    try:
        return call(**kwargs)
    except RuleViolation as violation:
        raise Http404(violation.message) from None


def _order_items(request: AuthenticatedHttpRequest, vehicle: Vehicle) -> list[dict[str, str]]:
    return draft_get(request, vehicle.vin).items_of(LineKind.PART)


def _screen(request: AuthenticatedHttpRequest, vehicle: Vehicle, **extra: Any) -> dict[str, Any]:
    items = _order_items(request, vehicle)
    return {
        "vehicle": vehicle,
        "notices": vehicle_notices(vehicle=vehicle, user=request.user),
        "vin_form": VinForm(initial={"vin": vehicle.vin}),
        "search_form": extra.pop("search_form", None) or SearchForm(),
        "order_count": len(items),
        "ordered": {item.get("number", ""): item.get("quantity", "") for item in items},
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
                return redirect("parts:vehicle", vin=found.vehicle.vin)
            candidates = found.candidates
    return render(request, "parts/vin_entry.html", {"vin_form": form, "candidates": candidates})


@application_required(APPLICATION_SLUG)
def vehicle(request: AuthenticatedHttpRequest, vin: str) -> HttpResponse:
    car = vehicle_get(vin=vin)
    language = translation.get_language()
    # The links and names of a tree of hundreds of subgroups, made here at once rather than
    # with a {% url %} per link (that alone took most of the page's time with a big tree).
    prefix = reverse("parts:subgroup", kwargs={"vin": car.vin, "subgroup_id": 0}).removesuffix("0/")
    tree = [
        {
            "id": entry.main_group.pk,
            "number": entry.main_group.number,
            "name": entry.main_group.text("name", language),
            "subgroups": [
                (f"{prefix}{sg.pk}/", sg.number, sg.text("name", language))
                for sg in entry.subgroups
            ],
        }
        for entry in vehicle_tree(vehicle=car)
    ]
    return render(request, "parts/tree.html", _screen(request, car, tree=tree))


@application_required(APPLICATION_SLUG)
def subgroup(request: AuthenticatedHttpRequest, vin: str, subgroup_id: int) -> HttpResponse:
    car = vehicle_get(vin=vin)
    view = _scoped(subgroup_for_vehicle, vehicle=car, subgroup_id=subgroup_id)
    if len(view.illustrations) == 1:  # nothing to choose: straight to the drawing
        return redirect("parts:illustration", vin=car.vin, illustration_id=view.illustrations[0].pk)
    context = _screen(request, car, view=view, subgroup=view.subgroup)
    return render(request, "parts/subgroup.html", context)


def _add(
    request: AuthenticatedHttpRequest, vehicle: Vehicle
) -> tuple[HttpResponse | None, AddPartForm]:
    """“Add to order” posted to the page it was on: the part (its current successor when it
    was superseded) goes on the vehicle's order draft with the quantity; on a refusal the page
    is shown again with the message at the row and the typed quantity kept."""
    form = AddPartForm(request.POST)
    form.is_valid()
    typed = form.cleaned_data
    try:
        part = part_get(number=typed.get("number", ""))
        quantity = parse_quantity(typed.get("quantity") or "1")
    except RuleViolation as violation:
        add_violation(form, violation)
        return None, form
    current = part.successor if part.is_superseded and part.successor else part
    draft_item_add(
        request,
        vehicle.vin,
        kind=LineKind.PART,
        number=current.number,
        quantity=_quantity_text(quantity),
    )
    text = _("%(quantity)s × %(number)s %(description)s is on the order base.") % {
        "quantity": _quantity_text(quantity),
        "number": current.display_number,
        "description": current.text("description", translation.get_language()),
    }
    if current.pk != part.pk:
        text += " " + _("(%(old)s is replaced by %(new)s.)") % {
            "old": part.display_number,
            "new": current.display_number,
        }
    messages.success(request, text)
    return HttpResponseRedirect(request.get_full_path()), form


def _quantity_text(quantity: Decimal) -> str:
    return f"{quantity.normalize():f}"


@application_required(APPLICATION_SLUG)
def illustration(request: AuthenticatedHttpRequest, vin: str, illustration_id: int) -> HttpResponse:
    car = vehicle_get(vin=vin)
    add_form = None
    if request.method == "POST":
        done, add_form = _add(request, car)
        if done is not None:
            return done
    view = _scoped(
        illustration_for_vehicle,
        vehicle=car,
        illustration_id=illustration_id,
        organisation=request.user.organisation,
        today=clock.today(),
    )
    status = 422 if add_form is not None else 200
    context = _screen(
        request,
        car,
        view=view,
        subgroup=view.illustration.subgroup,
        add_form=add_form,
        radius=max(12, round(min(view.illustration.width, view.illustration.height) * 0.05)),
    )
    return render(request, "parts/illustration.html", context, status=status)


@application_required(APPLICATION_SLUG)
def illustration_image(request: AuthenticatedHttpRequest, illustration_id: int) -> HttpResponse:
    """The checked drawing (images.py), with a policy that lets it run nothing even when
    opened on its own."""
    found = Illustration.objects.filter(pk=illustration_id).first()
    if found is None or not found.has_image:
        raise Http404("This illustration has no drawing.")
    content_type = "image/svg+xml" if found.image_type == "svg" else "image/png"
    with found.image.open("rb") as image:  # at most 5 MB (images.MAX_BYTES)
        response = HttpResponse(image.read(), content_type=content_type)
    response["Content-Security-Policy"] = IMAGE_CSP
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=3600"
    return response


@application_required(APPLICATION_SLUG)
def search(request: AuthenticatedHttpRequest, vin: str) -> HttpResponse:
    car = vehicle_get(vin=vin)
    add_form = None
    if request.method == "POST":
        done, add_form = _add(request, car)
        if done is not None:
            return done
    form = SearchForm(request.GET or None)
    result = None
    if form.is_bound and form.is_valid() and form.cleaned_data["q"].strip():
        try:
            result = part_search(
                vehicle=car,
                query=form.cleaned_data["q"],
                organisation=request.user.organisation,
                today=clock.today(),
            )
        except RuleViolation as violation:
            add_violation(form, violation)
    context = _screen(request, car, search_form=form, result=result, add_form=add_form)
    status = 422 if (add_form is not None or form.errors) else 200
    return render(request, "parts/search.html", context, status=status)


@application_required(APPLICATION_SLUG)
def order(request: AuthenticatedHttpRequest, vin: str) -> HttpResponse:
    """The parts on the vehicle's order base: change a quantity, take a part off."""
    car = vehicle_get(vin=vin)
    add_form = None
    if request.method == "POST":
        done, add_form = _add(request, car)
        if done is not None:
            return done
    items = _order_items(request, car)
    parts = parts_by_number(item.get("number", "") for item in items)
    rows = [
        {"part": parts[item["number"]], "quantity": item.get("quantity") or "1"}
        for item in items
        if item.get("number") in parts
    ]
    context = _screen(request, car, rows=rows, add_form=add_form)
    return render(request, "parts/order.html", context, status=422 if add_form else 200)


@application_required(APPLICATION_SLUG)
@require_POST
def order_remove(request: AuthenticatedHttpRequest, vin: str) -> HttpResponse:
    car = vehicle_get(vin=vin)
    number = numbers.normalize(request.POST.get("number", ""))
    draft_item_remove(request, car.vin, kind=LineKind.PART, number=number)
    messages.success(
        request,
        _("%(number)s was taken off the order base.") % {"number": numbers.display(number)},
    )
    return redirect("parts:order", vin=car.vin)
