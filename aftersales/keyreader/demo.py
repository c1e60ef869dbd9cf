"""Demo key reads: the reception's key reader of the demo workshop (a device token with a
documented secret, see README.md) and two reads, one of the walkthrough's car (due: engine oil
and vehicle check) and one of a MINI the central data do not know yet (unmatched: the operator
sees it in the back office).

Idempotent: the token is found by its prefix, a read by workshop, VIN and key number. The
reads go through the service, like a key reader's; their times are relative to now.
"""

from __future__ import annotations

import base64
import hashlib
import struct
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone

from aftersales import clock
from aftersales.accounts.models import Organisation, User
from aftersales.api.models import ApiToken
from aftersales.api.selectors import token_hash
from aftersales.vehicles.vin import with_check_digit

from .models import KeyRead
from .rules import CbsItemIn, MessageIn
from .services import key_read_store

# A demo secret, like the demo password: never use it outside the demo.
DEMO_DEVICE_TOKEN = "as_6b6579726561_Reception-key-reader-demo-2026"
WALKTHROUGH_VIN = "WBAUV71070A193748"
UNKNOWN_VIN = with_check_digit("WMWXU710002T45678")


@dataclass(frozen=True)
class DemoRead:
    vin: str
    key_number: int
    read_at: datetime
    mileage_km: int
    cbs: list[CbsItemIn]
    check_control: list[MessageIn]


def _raw_readout(vin: str, mileage_km: int) -> str:
    """A made-up key image: a header, the VIN and mileage, then 1 kB of derived bytes."""
    body = b"KRD1" + vin.encode() + struct.pack(">I", mileage_km)
    block, filler = body, b""
    while len(filler) < 1024:
        block = hashlib.sha256(block).digest()
        filler += block
    return base64.b64encode(body + filler).decode()


def _ago(now: datetime, delta: timedelta) -> datetime:
    """A read time before now, on the minute (a key reader's clock shows no seconds)."""
    return (now - delta).replace(second=0, microsecond=0)


def _device(admin: User) -> ApiToken:
    prefix = DEMO_DEVICE_TOKEN.split("_")[1]
    token, _created = ApiToken.objects.get_or_create(
        prefix=prefix,
        defaults={
            "user": admin,
            "name": "Reception key reader",
            "scope": ApiToken.Scope.KEY_READER,
            "secret_hash": token_hash(DEMO_DEVICE_TOKEN),
        },
    )
    return token


def load() -> str:
    workshop = Organisation.objects.filter(vat_number="DK13585628").first()
    admin = User.objects.filter(email="motorhj@mail.dk").first()
    if workshop is None or admin is None:
        return "no demo workshop"
    device = _device(admin)
    now = clock.now()
    today = timezone.localdate(now)
    reads = [
        DemoRead(
            vin=WALKTHROUGH_VIN,
            key_number=1,
            read_at=_ago(now, timedelta(minutes=20)),
            mileage_km=131_480,
            cbs=[
                CbsItemIn("engine_oil", today + timedelta(days=75), 900, None),
                CbsItemIn("vehicle_check", today + timedelta(days=21), 4_200, None),
                CbsItemIn("front_brake", None, 18_500, 45),
                CbsItemIn("rear_brake", None, 32_000, 70),
                CbsItemIn("microfilter", today + timedelta(days=150), 12_000, None),
            ],
            check_control=[
                MessageIn("29", "Service due soon: engine oil."),
                MessageIn("139", "Check the tyre pressures at the next stop."),
            ],
        ),
        DemoRead(
            vin=UNKNOWN_VIN,
            key_number=2,
            read_at=_ago(now, timedelta(days=1, hours=2)),
            mileage_km=48_210,
            cbs=[
                CbsItemIn("engine_oil", today + timedelta(days=240), 11_300, None),
                CbsItemIn("brake_fluid", today + timedelta(days=12), None, None),
            ],
            check_control=[],
        ),
    ]
    stored = 0
    for read in reads:
        if KeyRead.objects.filter(
            organisation=workshop, vin=read.vin, key_number=read.key_number
        ).exists():
            continue
        key_read_store(
            organisation=workshop,
            device=device,
            vin=read.vin,
            key_number=read.key_number,
            read_at=read.read_at,
            mileage=str(read.mileage_km),
            cbs=read.cbs,
            check_control=read.check_control,
            raw_readout=_raw_readout(read.vin, read.mileage_km),
            now=now,
        )
        stored += 1
    return f"{KeyRead.objects.count()} key reads ({stored} new), device token {device.prefix}"
