"""KeyReader's routes of the API (mounted under /api/v1/ by the registry's line).

`POST /key-reads` is the key reader's: it authenticates with a key-reader device token (made by
the organisation administrator under KeyReader → Key readers, or by the operator), which may
do nothing else. Reading the reads back takes a user's token, as every GET.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema, Status

from aftersales import clock
from aftersales.api.auth import TokenAuth, api_token, require_application
from aftersales.api.common import errors
from aftersales.api.text import Text
from aftersales.servicehistory.cbs import position_label

from .models import KeyRead
from .readout import KeyReadIn, key_read_store_from
from .selectors import APPLICATION_SLUG, cbs_item_state, key_read_get, organisation_key_reads

router = Router()


class KeyReadCbsOut(Schema):
    position: str = Field(description="Code of the CBS position.")
    name: str = Field(description="Name of the position in the response language.")
    due_date: date | None
    remaining_km: int | None
    percent: int | None
    level: Literal["green", "yellow", "red", ""] = Field(
        description="As the CBS status of Service history: red overdue, yellow due soon."
    )
    due: bool = Field(description='True when red or yellow: "Use for order" pre-selects it.')


class KeyReadMessageOut(Schema):
    code: str
    text: str


class RawReadoutOut(Schema):
    size: int = Field(description="Bytes of the decoded raw read-out, as stored.")
    sha256: str = Field(description="SHA-256 of the decoded raw read-out (hex).")


class KeyReadOut(Schema):
    id: int
    vin: str
    matched: bool = Field(
        description="False while the central data do not know the VIN: the read is kept and "
        "linked once the vehicle is imported."
    )
    key_number: int
    read_at: datetime
    received_at: datetime
    source: Literal["device", "upload"]
    mileage_km: int
    central_mileage_km: int | None = Field(
        description="The central mileage when the read was matched; null while unmatched."
    )
    below_central: bool = Field(
        description="The key's mileage is lower than the central mileage: kept and flagged, "
        "never applied or pre-filled."
    )
    cbs: list[KeyReadCbsOut]
    check_control: list[KeyReadMessageOut]
    raw_readout: RawReadoutOut


def key_read_out(read: KeyRead) -> dict:
    today = clock.today()
    cbs = []
    for item in read.cbs_items.all():
        state = cbs_item_state(item, today=today)
        cbs.append(
            {
                "position": item.position.code,
                "name": position_label(item.position),
                "due_date": item.due_date,
                "remaining_km": item.remaining_km,
                "percent": item.percent,
                "level": state.level,
                "due": state.level in ("red", "yellow"),
            }
        )
    return {
        "id": read.pk,
        "vin": read.vin,
        "matched": read.is_matched,
        "key_number": read.key_number,
        "read_at": read.read_at,
        "received_at": read.received_at,
        "source": read.source,
        "mileage_km": read.mileage_km,
        "central_mileage_km": read.central_mileage_km,
        "below_central": read.below_central,
        "cbs": cbs,
        "check_control": [{"code": m.code, "text": m.text} for m in read.messages.all()],
        "raw_readout": {"size": read.raw_size, "sha256": read.raw_sha256},
    }


@router.post(
    "/key-reads",
    auth=TokenAuth(device=True),
    response={201: KeyReadOut, 200: KeyReadOut, **errors(400, 403, 413, 503)},
    summary="Send a key read (key reader)",
    description="What a key reader read from a vehicle key. Needs a key-reader device token "
    "(else 403 API-0013) of an organisation that may use KeyReader. A VIN the central data do "
    "not know is stored unmatched (201, `matched` false). The same read sent again (same VIN, "
    "key and `read_at`) returns the stored one with 200 and `Idempotent-Replayed: true`. "
    "Refused: malformed VIN (VIN-0001), mileage with anything but digits (IPL-0051), read time "
    "in the future (KR-0003), unknown CBS position (KR-0004), a raw read-out above 64 kB "
    "(413 KR-0001); see /api/problems/.",
    operation_id="key_read_create",
)
def key_read_create(
    request: HttpRequest, response: HttpResponse, payload: KeyReadIn
) -> Status[dict]:
    user = require_application(request, APPLICATION_SLUG)
    assert user.organisation is not None  # require_application: a verified organisation
    read, created = key_read_store_from(
        payload, organisation=user.organisation, device=api_token(request)
    )
    response["Idempotent-Replayed"] = "false" if created else "true"
    stored = key_read_get(actor=user, read_id=read.pk)
    return Status(201 if created else 200, key_read_out(stored))


class KeyReadsQuery(Schema):
    vin: Text = Field("", max_length=17, description="Only the reads of this full VIN.")
    limit: int = Field(50, ge=1, le=100, description="At most this many reads (1-100).")


@router.get(
    "/key-reads",
    response={200: list[KeyReadOut], **errors(403, 503)},
    summary="Your organisation's recent key reads",
    description="Newest first; only your own organisation's reads.",
    operation_id="key_reads_list",
)
def key_reads_list(request: HttpRequest, query: Query[KeyReadsQuery]) -> list[dict]:
    user = require_application(request, APPLICATION_SLUG)
    reads = organisation_key_reads(
        organisation=user.organisation, vin=query.vin.strip().upper(), limit=query.limit
    )
    return [key_read_out(read) for read in reads]


@router.get(
    "/key-reads/{int:read_id}",
    response={200: KeyReadOut, **errors(403, 404, 503)},
    summary="One key read",
    description="A read of your own organisation; any other is 404.",
    operation_id="key_read_get",
)
def key_read_detail(request: HttpRequest, read_id: int) -> dict:
    user = require_application(request, APPLICATION_SLUG)
    return key_read_out(key_read_get(actor=user, read_id=read_id))
