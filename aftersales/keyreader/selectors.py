"""Reads of KeyReader: a workshop's recent reads, the one scoping helper for a read reached by
id, and what a read contributes to an order (the mileage and the due CBS positions)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from aftersales import clock
from aftersales.accounts.models import Organisation, User
from aftersales.api.models import ApiToken
from aftersales.servicehistory.cbs import CbsState, cbs_state
from aftersales.vehicles.models import CbsPosition, VehicleCbsStatus
from aftersales.vehicles.selectors import cbs_positions_for

from .models import KeyRead, KeyReadCbsItem

APPLICATION_SLUG = "keyreader"
RECENT_READS = 100  # the Key reads page lists this many; older ones stay stored
# A position is due at this level of the key's percentage (the date and km use the thresholds
# of the Service history's CBS status, servicehistory.cbs).
DUE_PERCENT = 10


def _with_details(queryset: QuerySet[KeyRead]) -> QuerySet[KeyRead]:
    items = KeyReadCbsItem.objects.select_related("position").order_by(
        "position__position", "position__name"
    )
    return queryset.select_related("vehicle", "device").prefetch_related(
        Prefetch("cbs_items", queryset=items), "messages"
    )


def organisation_key_reads(
    *, organisation: Organisation | None, vin: str = "", limit: int = RECENT_READS
) -> list[KeyRead]:
    """The organisation's reads, newest first (key_read_org_recent_idx); none without one."""
    if organisation is None:
        return []
    reads = KeyRead.objects.filter(organisation=organisation)
    if vin:
        reads = reads.filter(vin=vin)
    return list(_with_details(reads.order_by("-read_at", "-id"))[:limit])


def key_read_get(*, actor: User, read_id: int) -> KeyRead:
    """A read of the actor's own organisation; any other (or none) is a 404, never a 403."""
    if actor.organisation_id is None:
        raise Http404(_("No key read found."))
    reads = KeyRead.objects.filter(organisation_id=actor.organisation_id, pk=read_id)
    read = _with_details(reads).first()
    if read is None:
        raise Http404(_("No key read found."))
    return read


def cbs_item_state(item: KeyReadCbsItem, *, today: date) -> CbsState:
    """The item's status as Service history shows a CBS status (date and km), plus the level."""
    state = cbs_state(
        VehicleCbsStatus(due_date=item.due_date, remaining_km=item.remaining_km), today=today
    )
    if item.percent is not None and item.percent <= DUE_PERCENT and state.level != "red":
        remaining = " / ".join(p for p in (state.remaining, f"{item.percent} %") if p)
        return CbsState("yellow", _("Due soon"), remaining)
    if item.percent is not None and not state.level:
        return CbsState("green", _("OK"), f"{item.percent} %")
    if item.percent is not None:
        return CbsState(state.level, state.label, f"{state.remaining} / {item.percent} %")
    return state


def is_due(item: KeyReadCbsItem, *, today: date) -> bool:
    return cbs_item_state(item, today=today).level in ("red", "yellow")


@dataclass(frozen=True)
class OrderPrefill:
    """What "Use for order" puts into the Service data of the read's vehicle."""

    vin: str
    mileage: str  # empty: not pre-filled (lower than the central mileage)
    positions: list[str] = field(default_factory=list)  # due and known for this vehicle type
    not_for_vehicle: list[CbsPosition] = field(default_factory=list)  # due, not of this type
    below_central: bool = False


def order_prefill(*, read: KeyRead, today: date | None = None) -> OrderPrefill:
    """The mileage (only when not lower than the central mileage now: it never goes down) and
    the CBS positions that are due and exist for the vehicle type. The read must be matched."""
    vehicle = read.vehicle
    if vehicle is None:
        raise Http404(_("The vehicle of this key read is not known yet."))
    today = today or clock.today()
    below = read.mileage_km < vehicle.mileage_km
    available = {position.code for position in cbs_positions_for(vehicle=vehicle)}
    due = [item.position for item in read.cbs_items.all() if is_due(item, today=today)]
    return OrderPrefill(
        vin=vehicle.vin,
        mileage="" if below else str(read.mileage_km),
        positions=[p.code for p in due if p.code in available],
        not_for_vehicle=[p for p in due if p.code not in available],
        below_central=below,
    )


def _devices(organisation_id: int) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(
        scope=ApiToken.Scope.KEY_READER, user__organisation_id=organisation_id
    ).select_related("user")


def organisation_devices(*, organisation: Organisation | None) -> list[ApiToken]:
    """The organisation's key-reader device tokens, newest first (revoked ones too)."""
    if organisation is None:
        return []
    return list(_devices(organisation.pk).order_by("-created_at", "-pk"))


def organisation_device_get(*, actor: User, token_id: int) -> ApiToken:
    """A device token of the actor's organisation; any other token is a 404."""
    token = None
    if actor.organisation_id is not None:
        token = _devices(actor.organisation_id).filter(pk=token_id).first()
    if token is None:
        raise Http404(_("No key reader found."))
    return token
