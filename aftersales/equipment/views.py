"""The workshop's screens: the tool catalogue (search by number or words, by brand), a tool
(picture, what it is for, the labour operations and documents that need it, your items of it),
the organisation's inventory (add, calibrations, remove), and its tool requests (new, state,
cancel). Every object reached by id is the organisation's own (selectors; else 404)."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aftersales.accounts.vat import vat_rate
from aftersales.catalogue.decorators import application_required
from aftersales.portal.errors import RuleViolation
from aftersales.portal.forms import add_violation
from aftersales.portal.http import AuthenticatedHttpRequest
from aftersales.portal.money import to_cent
from aftersales.servicedata.selectors import operations_needing_tool

from . import services
from .forms import InventoryChangeForm, InventoryForm, QuickRequestForm, RequestForm, SearchForm
from .models import InventoryItem, Tool, ToolRequest
from .selectors import (
    APPLICATION_SLUG,
    inventory_counts,
    inventory_for,
    inventory_item_get,
    open_requests_by_tool,
    tool_get,
    tool_request_get,
    tool_requests_for,
    tool_search,
)

IMAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; sandbox"


class Prices:
    """Net prices of the catalogue and their gross with the VAT of the workshop's country."""

    def __init__(self, request: AuthenticatedHttpRequest) -> None:
        organisation = request.user.organisation
        self.vat = vat_rate(organisation.country) if organisation else None

    def gross(self, net: Decimal | None) -> Decimal | None:
        if net is None or self.vat is None:
            return None
        return to_cent(net * (1 + self.vat / 100))


def _tool(number: str) -> Tool:
    try:
        return tool_get(number=number)
    except RuleViolation as violation:
        raise Http404(violation.message) from None


def _context(request: AuthenticatedHttpRequest, tab: str, **extra: object) -> dict[str, object]:
    return {"tab": tab, "prices": Prices(request), **extra}


@application_required(APPLICATION_SLUG)
def tools(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    search, brand = "", ""
    if form.is_bound and form.is_valid():
        search, brand = form.cleaned_data["q"], form.cleaned_data["brand"]
    found = tool_search(search=search, brand=brand)
    organisation = request.user.organisation
    ids = [tool.pk for tool in found.tools]
    counts = inventory_counts(organisation=organisation, tool_ids=ids)
    requested = open_requests_by_tool(organisation=organisation, tool_ids=ids)
    prices = Prices(request)
    rows = [
        {
            "tool": tool,
            "gross": prices.gross(tool.price),
            "owned": counts.get(tool.pk, 0),
            "open_request": requested.get(tool.pk),
        }
        for tool in found.tools
    ]
    context = _context(request, "tools", form=form, rows=rows, found=found)
    template = "equipment/tools.html"
    if request.headers.get("HX-Request"):
        template = "equipment/_tool_rows.html"
    return render(request, template, context)


@application_required(APPLICATION_SLUG)
def tool_detail(request: AuthenticatedHttpRequest, number: str) -> HttpResponse:
    tool = _tool(number)
    organisation = request.user.organisation
    own = (
        [item for item in inventory_for(organisation=organisation) if item.tool_id == tool.pk]
        if organisation
        else []
    )
    context = _context(
        request,
        "tools",
        tool=tool,
        gross=Prices(request).gross(tool.price),
        items=own,
        operations=operations_needing_tool(tool_number=tool.number),
        open_request=open_requests_by_tool(organisation=organisation, tool_ids=[tool.pk]).get(
            tool.pk
        ),
        inventory_form=InventoryForm(initial={"tool_number": tool.number}),
        request_form=QuickRequestForm(),
    )
    return render(request, "equipment/tool.html", context)


@application_required(APPLICATION_SLUG)
def tool_picture(request: AuthenticatedHttpRequest, number: str) -> HttpResponse:
    """The checked picture, with a policy that lets it run nothing even when opened alone."""
    tool = _tool(number)
    if not tool.has_picture:
        raise Http404("This tool has no picture.")
    content_type = "image/svg+xml" if tool.picture_type == Tool.PictureType.SVG else "image/png"
    with tool.picture.open("rb") as picture:  # at most 5 MB (parts.images.MAX_BYTES)
        response = HttpResponse(picture.read(), content_type=content_type)
    response["Content-Security-Policy"] = IMAGE_CSP
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=3600"
    return response


@application_required(APPLICATION_SLUG)
@require_POST
def tool_request(request: AuthenticatedHttpRequest, number: str) -> HttpResponse:
    """ "Request" on a tool's page: one line with the quantity typed."""
    tool = _tool(number)
    form = QuickRequestForm(request.POST)
    form.is_valid()  # a refused text leaves no quantity: the service says what a quantity is
    try:
        created = services.tool_request_create(
            actor=request.user, items=[(tool.number, form.cleaned_data.get("quantity", ""))]
        )
    except RuleViolation as violation:
        messages.error(request, str(violation))
        return redirect("equipment:tool", number=tool.number_key)
    messages.success(
        request,
        _("Your request %(number)s has been sent. You get an e-mail on each change.")
        % {"number": created.number},
    )
    return redirect("equipment:request", pk=created.pk)


# --- inventory --------------------------------------------------------------------------------


@application_required(APPLICATION_SLUG)
def inventory(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = InventoryForm(
        request.POST or None, initial={"tool_number": request.GET.get("tool", "")[:40]}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            item = services.inventory_item_add(
                actor=request.user,
                tool_number=data["tool_number"],
                serial_number=data["serial_number"],
                last_calibrated_on=data["last_calibrated_on"],
                note=data["note"],
            )
        except RuleViolation as violation:
            if violation.field == "number":
                violation.field = "tool_number"
            add_violation(form, violation)
        else:
            messages.success(
                request,
                _("%(number)s %(name)s is in your inventory.")
                % {"number": item.tool.number, "name": item.tool.name},
            )
            return redirect("equipment:inventory")
    items = inventory_for(organisation=request.user.organisation)
    context = _context(request, "inventory", form=form, items=items)
    return render(request, "equipment/inventory.html", context, status=422 if form.errors else 200)


def _item(request: AuthenticatedHttpRequest, pk: int) -> InventoryItem:
    try:
        return inventory_item_get(organisation=request.user.organisation, pk=pk)
    except RuleViolation as violation:
        raise Http404(violation.message) from None


@application_required(APPLICATION_SLUG)
def inventory_item(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    initial = {
        "serial_number": item.serial_number,
        "last_calibrated_on": item.last_calibrated_on,
        "note": item.note,
    }
    form = InventoryChangeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.inventory_item_change(
                item=item,
                serial_number=data["serial_number"],
                last_calibrated_on=data["last_calibrated_on"],
                note=data["note"],
            )
        except RuleViolation as violation:
            add_violation(form, violation)
        else:
            messages.success(request, _("The inventory item has been saved."))
            return redirect("equipment:inventory")
    context = _context(request, "inventory", form=form, item=item)
    return render(
        request, "equipment/inventory_item.html", context, status=422 if form.errors else 200
    )


@application_required(APPLICATION_SLUG)
@require_POST
def inventory_item_remove(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    services.inventory_item_remove(item=item)
    messages.success(
        request,
        _("%(number)s has been taken out of your inventory.") % {"number": item.tool.number},
    )
    return redirect("equipment:inventory")


# --- requests ---------------------------------------------------------------------------------


@application_required(APPLICATION_SLUG)
def requests(request: AuthenticatedHttpRequest) -> HttpResponse:
    found = tool_requests_for(organisation=request.user.organisation)
    return render(request, "equipment/requests.html", _context(request, "requests", requests=found))


@application_required(APPLICATION_SLUG)
def request_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The request form; `?tool=…&tool=…&vin=…` pre-fills it (the order base's "Request")."""
    if request.method == "POST":
        form = RequestForm(request.POST)
        if form.is_valid():
            try:
                created = services.tool_request_create(
                    actor=request.user,
                    items=list(form.items()),
                    note=form.cleaned_data["note"],
                    vin=form.cleaned_data["vin"],
                )
            except RuleViolation as violation:
                if violation.field in ("number", "quantity"):
                    violation.field = "items"
                add_violation(form, violation)
            else:
                messages.success(
                    request,
                    _("Your request %(number)s has been sent. You get an e-mail on each change.")
                    % {"number": created.number},
                )
                return redirect("equipment:request", pk=created.pk)
    else:
        numbers = [n[:40] for n in request.GET.getlist("tool")[:20] if n.strip()]
        initial: dict[str, object] = {"vin": request.GET.get("vin", "")[:17]}
        for index, number in enumerate(numbers, start=1):
            initial[f"number_{index}"] = number
            initial[f"quantity_{index}"] = "1"
        form = RequestForm(initial=initial, rows=len(numbers) + 1)
    vin = form["vin"].value() or ""
    context = _context(request, "requests", form=form, vin=vin)
    return render(
        request, "equipment/request_new.html", context, status=422 if form.errors else 200
    )


def _request(request: AuthenticatedHttpRequest, pk: int) -> ToolRequest:
    try:
        return tool_request_get(organisation=request.user.organisation, pk=pk)
    except RuleViolation as violation:
        raise Http404(violation.message) from None


@application_required(APPLICATION_SLUG)
def request_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = _request(request, pk)
    prices = Prices(request)
    lines = [(line, prices.gross(line.unit_price)) for line in found.lines.all()]
    context = _context(request, "requests", tool_request=found, lines=lines)
    return render(request, "equipment/request.html", context)


@application_required(APPLICATION_SLUG)
@require_POST
def request_cancel(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = _request(request, pk)
    try:
        services.tool_request_cancel_by_workshop(request=found, actor=request.user)
    except RuleViolation as violation:
        messages.error(request, str(violation))
    else:
        messages.success(
            request, _("The request %(number)s has been cancelled.") % {"number": found.number}
        )
    return HttpResponseRedirect(reverse("equipment:request", args=[found.pk]))
