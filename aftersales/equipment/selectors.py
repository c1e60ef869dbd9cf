"""Reads of Workshop equipment shared by the pages, the API, the order base panel and the back
office; the scoping helpers for what a workshop reaches by id (its inventory items and its
requests: another organisation's are a 404).

The catalogue is the operator's: every workshop sees the same tools. The search and the
order base panel run a fixed number of queries whatever the size of the catalogue.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from aftersales import clock
from aftersales.accounts.models import Organisation
from aftersales.portal.errors import RuleViolation

from . import codes
from .models import InventoryItem, Tool, ToolRequest, ToolRequestEvent, ToolRequestLine, number_key

APPLICATION_SLUG = "workshop-equipment"
SEARCH_LIMIT = 50
MAX_SEARCH_WORDS = 6
NUMBER_QUERY_RE = re.compile(r"^[0-9][0-9 \-./]*$")


def tool_get(*, number: str) -> Tool:
    """The tool with this number (spaces, dots and dashes do not matter); EQ-0001 if none."""
    key = number_key(number)
    tool = Tool.objects.filter(number_key=key).first() if key else None
    if tool is None:
        raise RuleViolation(
            codes.TOOL_NOT_FOUND,
            _("No special tool has the number %(number)s.") % {"number": number[:30]},
            field="number",
        )
    return tool


def tools_by_numbers(numbers: Iterable[str]) -> dict[str, Tool]:
    """{number_key: tool} of the numbers the catalogue has, in one query."""
    keys = {number_key(n) for n in numbers} - {""}
    if not keys:
        return {}
    return {tool.number_key: tool for tool in Tool.objects.filter(number_key__in=keys)}


@dataclass(frozen=True)
class ToolSearch:
    tools: list[Tool]
    more: bool  # more than the limit matched: the user should narrow the search
    search: str


def _search_filter(search: str) -> Q:
    """By number (digits: the number starts with them, spaces ignored) or by words (every word
    in the number, a name or the supplier)."""
    search = search.strip()
    if not search:
        return Q()
    if NUMBER_QUERY_RE.match(search):
        return Q(number_key__startswith=number_key(search))
    condition = Q()
    for word in search.lower().split()[:MAX_SEARCH_WORDS]:
        condition &= Q(search_text__contains=word)
    return condition


def tool_search(
    *, search: str = "", brand: str = "", only_active: bool = True, limit: int = SEARCH_LIMIT
) -> ToolSearch:
    """Tools matching the search (and serving the brand), by number, in one query."""
    tools = Tool.objects.filter(_search_filter(search))
    if only_active:
        tools = tools.filter(active=True)
    if brand:
        tools = tools.filter(Q(brand_tags="") | Q(brand_tags__contains=f"|{brand}|"))
    found = list(tools.order_by("number_key")[: limit + 1])
    return ToolSearch(tools=found[:limit], more=len(found) > limit, search=search.strip())


def inventory_for(*, organisation: Organisation | None) -> list[InventoryItem]:
    if organisation is None:
        return []
    return list(
        InventoryItem.objects.filter(organisation=organisation)
        .select_related("tool")
        .order_by("tool__number_key", "serial_number", "pk")
    )


def inventory_item_get(*, organisation: Organisation | None, pk: int) -> InventoryItem:
    """An item of the organisation's own inventory; another organisation's: EQ-0002 (404)."""
    item = (
        InventoryItem.objects.filter(organisation=organisation, pk=pk)
        .select_related("tool")
        .first()
        if organisation is not None
        else None
    )
    if item is None:
        raise RuleViolation(
            codes.INVENTORY_ITEM_NOT_FOUND, _("Your inventory has no such item."), field="id"
        )
    return item


def inventory_counts(
    *, organisation: Organisation | None, tool_ids: Iterable[int]
) -> dict[int, int]:
    """{tool id: how many the organisation has} for these tools, in one query."""
    ids = set(tool_ids)
    if organisation is None or not ids:
        return {}
    rows = (
        InventoryItem.objects.filter(organisation=organisation, tool_id__in=ids)
        .values("tool_id")
        .annotate(count=Count("id"))
    )
    return {row["tool_id"]: row["count"] for row in rows}


def _requests() -> QuerySet[ToolRequest]:
    return ToolRequest.objects.select_related("requested_by").prefetch_related(
        Prefetch("lines", queryset=ToolRequestLine.objects.select_related("tool")),
        Prefetch("events", queryset=ToolRequestEvent.objects.select_related("by")),
    )


def tool_requests_for(*, organisation: Organisation | None, limit: int = 200) -> list[ToolRequest]:
    if organisation is None:
        return []
    return list(
        _requests().filter(organisation=organisation).order_by("-created_at", "-id")[:limit]
    )


def tool_request_get(*, organisation: Organisation | None, pk: int) -> ToolRequest:
    """One of the organisation's own requests; another organisation's: EQ-0003 (404)."""
    found = (
        _requests().filter(organisation=organisation, pk=pk).first()
        if organisation is not None
        else None
    )
    if found is None:
        raise RuleViolation(
            codes.REQUEST_NOT_FOUND, _("Your organisation has no such tool request."), field="id"
        )
    return found


def open_requests_by_tool(
    *, organisation: Organisation | None, tool_ids: Iterable[int]
) -> dict[int, ToolRequest]:
    """{tool id: the organisation's latest open request naming it}, in one query."""
    ids = set(tool_ids)
    if organisation is None or not ids:
        return {}
    lines = (
        ToolRequestLine.objects.filter(
            tool_id__in=ids,
            request__organisation=organisation,
            request__status__in=[ToolRequest.Status.NEW, ToolRequest.Status.CONFIRMED],
        )
        .select_related("request")
        .order_by("request__created_at")
    )
    return {line.tool_id: line.request for line in lines}


@dataclass
class RequiredTool:
    """A special tool the order's work needs, as the workshop stands with it."""

    number: str
    tool: Tool | None  # None: the number is not in the equipment catalogue
    operations: list[str] = field(default_factory=list)  # the order's lines that need it
    in_inventory: int = 0
    overdue: bool = False  # every one the workshop has is due for calibration
    open_request: ToolRequest | None = None

    @property
    def missing(self) -> bool:
        return self.in_inventory == 0

    @property
    def requestable(self) -> bool:
        return self.tool is not None and self.tool.active


def required_tools(
    *,
    needs: list[tuple[str, str]],
    organisation: Organisation | None,
    today: date | None = None,
) -> list[RequiredTool]:
    """The tools named by (tool number, line number) pairs, each once, with the workshop's
    inventory and open requests: three queries whatever the order's size."""
    today = today or clock.today()
    by_key: dict[str, RequiredTool] = {}
    for tool_number, line_number in needs:
        key = number_key(tool_number)
        if not key:
            continue
        entry = by_key.setdefault(key, RequiredTool(number=tool_number, tool=None))
        if line_number and line_number not in entry.operations:
            entry.operations.append(line_number)
    if not by_key:
        return []
    tools = tools_by_numbers(by_key)
    items: list[InventoryItem] = []
    if organisation is not None and tools:
        items = list(
            InventoryItem.objects.filter(
                organisation=organisation, tool__in=list(tools.values())
            ).select_related("tool")
        )
    requests = open_requests_by_tool(
        organisation=organisation, tool_ids=[tool.pk for tool in tools.values()]
    )
    for key, entry in by_key.items():
        tool = tools.get(key)
        if tool is None:
            continue
        entry.tool, entry.number = tool, tool.number
        own = [item for item in items if item.tool_id == tool.pk]
        entry.in_inventory = len(own)
        entry.overdue = bool(own) and all(item.calibration_overdue(today) for item in own)
        entry.open_request = requests.get(tool.pk)
    return sorted(by_key.values(), key=lambda entry: (not entry.missing, number_key(entry.number)))
