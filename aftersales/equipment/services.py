"""Writes of Workshop equipment: the catalogue (back office, imports, demo), a workshop's
inventory, and tool requests with their status changes (each one e-mailed after commit)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from aftersales import clock
from aftersales.accounts.models import Organisation, User
from aftersales.parts.images import check_illustration
from aftersales.portal.errors import RuleViolation

from . import codes, emails, rules
from .models import InventoryItem, Tool, ToolRequest, ToolRequestEvent, ToolRequestLine, number_key
from .rules import ToolData
from .selectors import tool_get

Outcome = Literal["created", "updated", "unchanged"]


@transaction.atomic
def tool_upsert(*, data: ToolData, now: datetime | None = None) -> tuple[Tool, Outcome]:
    """Creates the tool or brings it up to date, by number (the imports' key)."""
    data = rules.clean_tool(data)
    tool = Tool.objects.select_for_update().filter(number_key=number_key(data.number)).first()
    if tool is None:
        tool = Tool(number=data.number, updated_at=now or clock.now())
        for name in ToolData.FIELDS:
            setattr(tool, name, getattr(data, name))
        tool.save()
        return tool, "created"
    changed = [name for name in ToolData.FIELDS if getattr(tool, name) != getattr(data, name)]
    if tool.number != data.number:
        changed.append("number")
        tool.number = data.number
    if not changed:
        return tool, "unchanged"
    for name in ToolData.FIELDS:
        setattr(tool, name, getattr(data, name))
    tool.updated_at = now or clock.now()
    tool.save()
    return tool, "updated"


@transaction.atomic
def tool_picture_set(*, tool: Tool, content: bytes, name: str = "") -> Tool:
    """Stores a checked PNG or SVG (an SVG is parsed and written out again; one that could do
    more than draw is refused: EQ-0030, nothing stored)."""
    try:
        checked = check_illustration(content, name=name)
    except RuleViolation as violation:
        raise RuleViolation(codes.PICTURE_REFUSED, violation.message, field="picture") from None
    if tool.picture:
        tool.picture.delete(save=False)
    tool.picture.save(
        f"{tool.number_key}.{checked.image_type}", ContentFile(checked.content), save=False
    )
    tool.picture_type = checked.image_type
    tool.save(update_fields=["picture", "picture_type"])
    return tool


# --- the workshop's inventory -----------------------------------------------------------------


def _organisation(actor: User) -> Organisation:
    if actor.organisation is None:
        raise RuleViolation(
            codes.INVENTORY_ITEM_NOT_FOUND, _("Your inventory has no such item."), field="id"
        )
    return actor.organisation


@transaction.atomic
def inventory_item_add(
    *,
    actor: User,
    tool_number: str,
    serial_number: str = "",
    last_calibrated_on: date | None = None,
    note: str = "",
    now: datetime | None = None,
) -> InventoryItem:
    """Puts a tool of the catalogue (withdrawn ones too: a workshop may own them) into the
    actor's organisation's inventory. EQ-0001 unknown tool, EQ-0011, EQ-0012 same serial."""
    organisation = _organisation(actor)
    now = now or clock.now()
    tool = tool_get(number=tool_number)
    serial, calibrated, note = rules.clean_inventory(
        serial_number=serial_number,
        last_calibrated_on=last_calibrated_on,
        note=note,
        today=timezone.localdate(now),
    )
    try:
        with transaction.atomic():
            return InventoryItem.objects.create(
                organisation=organisation,
                tool=tool,
                serial_number=serial,
                last_calibrated_on=calibrated,
                note=note,
                added_at=now,
                added_by=actor,
            )
    except IntegrityError:
        raise _duplicate(tool) from None


def _duplicate(tool: Tool) -> RuleViolation:
    return RuleViolation(
        codes.INVENTORY_DUPLICATE,
        _("Your inventory already holds %(number)s with this serial number.")
        % {"number": tool.number},
        field="serial_number",
    )


@transaction.atomic
def inventory_item_change(
    *,
    item: InventoryItem,
    serial_number: str,
    last_calibrated_on: date | None,
    note: str,
    now: datetime | None = None,
) -> InventoryItem:
    """Records a new serial number, calibration or note (the item comes from
    selectors.inventory_item_get, so it is the actor's organisation's)."""
    serial, calibrated, note = rules.clean_inventory(
        serial_number=serial_number,
        last_calibrated_on=last_calibrated_on,
        note=note,
        today=timezone.localdate(now or clock.now()),
    )
    item.serial_number, item.last_calibrated_on, item.note = serial, calibrated, note
    try:
        with transaction.atomic():
            item.save(update_fields=["serial_number", "last_calibrated_on", "note"])
    except IntegrityError:
        raise _duplicate(item.tool) from None
    return item


@transaction.atomic
def inventory_item_remove(*, item: InventoryItem) -> None:
    item.delete()


# --- tool requests ----------------------------------------------------------------------------


@transaction.atomic
def tool_request_create(
    *,
    actor: User,
    items: list[tuple[str, object]],
    note: str = "",
    vin: str = "",
    now: datetime | None = None,
) -> ToolRequest:
    """A request of the actor's organisation for (tool number, quantity) pairs: status new;
    the operators and the requester get an e-mail after commit. EQ-0020 when a line is bad
    (its number and quantity in the message), EQ-0001 for an unknown tool."""
    if actor.organisation_id is None:
        raise RuleViolation(
            codes.REQUEST_INVALID, _("Only a workshop's users can request tools."), field="items"
        )
    now = now or clock.now()
    lines: dict[int, tuple[Tool, int]] = {}
    for raw_number, raw_quantity in items:
        if not str(raw_number).strip():
            continue
        tool = tool_get(number=str(raw_number))
        if not tool.active:
            raise RuleViolation(
                codes.REQUEST_INVALID,
                _("%(number)s is no longer offered and cannot be requested.")
                % {"number": tool.number},
                field="items",
            )
        quantity = rules.parse_quantity(raw_quantity)
        if tool.pk in lines:  # the same tool twice: one line with both quantities
            quantity = min(rules.MAX_QUANTITY, lines[tool.pk][1] + quantity)
        lines[tool.pk] = (tool, quantity)
    if not lines:
        raise RuleViolation(
            codes.REQUEST_INVALID, _("Please name at least one tool to request."), field="items"
        )
    if len(lines) > rules.MAX_REQUEST_LINES:
        raise RuleViolation(
            codes.REQUEST_INVALID,
            _("A request names at most %(count)d tools.") % {"count": rules.MAX_REQUEST_LINES},
            field="items",
        )
    note = note.strip()
    if len(note) > 2000:
        raise RuleViolation(
            codes.REQUEST_INVALID, _("A note has at most 2000 characters."), field="note"
        )
    request = ToolRequest.objects.create(
        organisation_id=actor.organisation_id,
        requested_by=actor,
        vin=vin.strip().upper()[:17],
        note=note,
        created_at=now,
        updated_at=now,
    )
    ToolRequestLine.objects.bulk_create(
        ToolRequestLine(request=request, tool=tool, quantity=quantity, unit_price=tool.price)
        for tool, quantity in lines.values()
    )
    ToolRequestEvent.objects.create(request=request, status=request.status, at=now, by=actor)
    transaction.on_commit(lambda: emails.send_request_received(request.pk))
    return request


@transaction.atomic
def tool_request_status_set(
    *,
    request: ToolRequest,
    status: str,
    actor: User | None,
    note: str = "",
    now: datetime | None = None,
    only_from: tuple[str, ...] = (),
) -> ToolRequest:
    """The operator's step (confirm, ship, cancel), or the workshop's cancel of a new request
    (`only_from`: the statuses the caller may change). EQ-0021 for a step the status does not allow. The
    requester is told by e-mail after commit."""
    locked = ToolRequest.objects.select_for_update().get(pk=request.pk)
    if only_from and locked.status not in only_from:
        raise RuleViolation(
            codes.REQUEST_STATUS,
            _("Only a new request can be cancelled here; please contact the support."),
            field="status",
        )
    rules.check_transition(current=locked.status, new=status)
    now = now or clock.now()
    note = note.strip()[:2000]
    locked.status, locked.updated_at = status, now
    fields = ["status", "updated_at"]
    if note and actor is not None and actor.is_staff:
        locked.operator_note = note
        fields.append("operator_note")
    locked.save(update_fields=fields)
    ToolRequestEvent.objects.create(request=locked, status=status, at=now, by=actor, note=note)
    transaction.on_commit(lambda: emails.send_request_changed(locked.pk))
    return locked


def tool_request_cancel_by_workshop(
    *, request: ToolRequest, actor: User, now: datetime | None = None
) -> ToolRequest:
    """A workshop withdraws its own request while it is new (the request comes from
    selectors.tool_request_get); once confirmed only the operator cancels it (EQ-0021)."""
    return tool_request_status_set(
        request=request,
        status=ToolRequest.Status.CANCELLED,
        actor=actor,
        now=now,
        only_from=(ToolRequest.Status.NEW,),
    )
