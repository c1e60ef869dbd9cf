"""The payload is exactly the documented JSON object (canonical.py's docstring)."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from aftersales.trust.canonical import EntryVersion, payload

AT = datetime(2026, 11, 20, 9, 15, 0, 123456, tzinfo=UTC)


@pytest.fixture
def version() -> EntryVersion:
    return EntryVersion(
        entry_id=7,
        chain_id=5,
        version=2,
        maintenance_date=date(2026, 11, 20),
        mileage_km=130_000,
        positions=["vehicle_check", "engine_oil"],
        lines=[("SRP", "00 00 105", "Standard scope", Decimal("1"), "FRU", None, None, "")],
        comment="Kunden venter på bilen.",
        organisation_id=3,
        created_at=AT,
        consent_given_at=AT,
        cancelled_at=AT,
        cancellation_reason="Forkert bil.",
        transferred_at=None,
        transfer_tool_id="",
    )


def test_it_writes_the_documented_object_in_its_order(version: EntryVersion) -> None:
    expected = {
        "v": 1,
        "vin": "WBAUV71070A193748",
        "seq": 4,
        "kind": "cancelled",
        "entry": "SH-000005",
        "version": 2,
        "date": "2026-11-20",
        "km": 130000,
        "positions": ["engine_oil", "vehicle_check"],
        "lines": [["SRP", "00 00 105", "Standard scope", "1.00", "FRU", None, None, ""]],
        "comment": hashlib.sha256("Kunden venter på bilen.".encode()).hexdigest(),
        "org": 3,
        "stored_at": "2026-11-20T09:15:00.123456Z",
        "consent_at": "2026-11-20T09:15:00.123456Z",
        "at": "2026-11-20T09:15:00.123456Z",
        "replaces": hashlib.sha256(b"Forkert bil.").hexdigest(),
    }
    text = payload(vin="WBAUV71070A193748", sequence=4, kind="cancelled", version=version)
    assert text == json.dumps(expected, ensure_ascii=False, separators=(",", ":"))


def test_it_names_the_replaced_version_of_a_correction(version: EntryVersion) -> None:
    text = payload(vin="WBAUV71070A193748", sequence=2, kind="corrected", version=version)
    assert json.loads(text)["replaces"] == 1
