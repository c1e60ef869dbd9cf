"""key_read_store and key_reads_match: what is stored, what is refused with which code."""

from __future__ import annotations

import base64
import hashlib
from datetime import timedelta

import pytest

from aftersales import clock
from aftersales.accounts.models import Organisation
from aftersales.keyreader.models import KeyRead
from aftersales.keyreader.rules import MAX_RAW_BYTES
from aftersales.keyreader.services import key_reads_match
from aftersales.portal.errors import RuleViolation
from aftersales.vehicles.models import MileageReading, Vehicle
from tests.servicehistory.factories import VehicleFactory

from .conftest import RAW, UNKNOWN_VIN, VIN, store_read

pytestmark = pytest.mark.django_db


def refused(organisation: Organisation, **overrides: object) -> RuleViolation:
    with pytest.raises(RuleViolation) as caught:
        store_read(organisation, **overrides)
    assert not KeyRead.objects.exists()
    return caught.value


def test_it_stores_a_read_with_its_items_messages_and_raw_file(organisation, vehicle) -> None:
    read = store_read(organisation)
    assert (read.vin, read.key_number, read.mileage_km) == (VIN, 1, 131_480)
    assert read.vehicle == vehicle and read.central_mileage_km == 129_226
    assert not read.below_central
    assert sorted(i.position.code for i in read.cbs_items.all()) == [
        "engine_oil",
        "front_brake",
        "vehicle_check",
    ]
    assert [(m.code, m.text) for m in read.messages.all()] == [
        ("29", "Service due soon: engine oil.")
    ]
    with read.raw_readout.open("rb") as raw:
        assert raw.read() == RAW
    assert read.raw_size == len(RAW) and read.raw_sha256 == hashlib.sha256(RAW).hexdigest()


def test_it_stores_an_unknown_vin_unmatched(organisation, catalogue) -> None:
    read = store_read(organisation, vin=UNKNOWN_VIN)
    assert read.vehicle is None and read.matched_at is None and read.central_mileage_km is None


def test_it_matches_a_waiting_read_once_the_vehicle_is_imported(organisation, catalogue) -> None:
    read = store_read(organisation, vin=UNKNOWN_VIN, mileage="48210")
    Vehicle.objects.bulk_create([VehicleFactory.build(vin=UNKNOWN_VIN, mileage_km=50_000)])
    assert key_reads_match() == 1
    read.refresh_from_db()
    assert read.vehicle is not None and read.vehicle.vin == UNKNOWN_VIN
    assert read.central_mileage_km == 50_000 and read.below_central


def test_it_matches_a_waiting_read_when_one_vehicle_is_created(organisation, catalogue) -> None:
    read = store_read(organisation, vin=UNKNOWN_VIN)
    VehicleFactory(vin=UNKNOWN_VIN)
    read.refresh_from_db()
    assert read.vehicle is not None


def test_it_keeps_and_flags_a_mileage_below_the_central_mileage(organisation, vehicle) -> None:
    read = store_read(organisation, mileage="120000")
    assert read.below_central and read.mileage_km == 120_000
    vehicle.refresh_from_db()
    assert vehicle.mileage_km == 129_226


def test_it_keeps_the_mileage_as_a_reading_of_the_vehicle(organisation, vehicle) -> None:
    read = store_read(organisation, mileage="120000")
    reading = MileageReading.objects.get(vehicle=vehicle, source="key_read")
    assert (reading.mileage_km, reading.read_at, reading.reference) == (
        120_000,
        read.read_at,
        f"key read {read.pk}",
    )


def test_it_records_the_reading_when_a_waiting_read_is_matched(organisation, catalogue) -> None:
    store_read(organisation, vin=UNKNOWN_VIN, mileage="48210")
    assert not MileageReading.objects.filter(source="key_read").exists()
    VehicleFactory(vin=UNKNOWN_VIN)
    assert MileageReading.objects.get(source="key_read").mileage_km == 48_210


def test_it_never_writes_the_central_mileage(organisation, vehicle) -> None:
    store_read(organisation, mileage="140000")
    vehicle.refresh_from_db()
    assert vehicle.mileage_km == 129_226


def test_it_returns_the_first_read_when_the_same_read_comes_again(organisation, vehicle) -> None:
    at = (clock.now() - timedelta(hours=1)).isoformat()
    first = store_read(organisation, read_at=at)
    again = store_read(organisation, read_at=at, mileage="131999")
    assert again.pk == first.pk and KeyRead.objects.count() == 1
    assert again.mileage_km == 131_480


def test_it_refuses_a_mileage_with_letters_with_ipl_0051(organisation, vehicle) -> None:
    violation = refused(organisation, mileage="131 48O")
    assert (violation.code, violation.field) == ("IPL-0051", "mileage")
    assert "exclusively the numbers 0 - 9" in violation.message


def test_it_refuses_a_read_time_in_the_future(organisation, vehicle) -> None:
    violation = refused(organisation, read_at=(clock.now() + timedelta(hours=2)).isoformat())
    assert (violation.code, violation.field) == ("KR-0003", "read_at")


def test_it_accepts_a_reader_clock_a_few_minutes_ahead(organisation, vehicle) -> None:
    read = store_read(organisation, read_at=(clock.now() + timedelta(minutes=5)).isoformat())
    assert read.pk


def test_it_refuses_a_malformed_vin(organisation, vehicle) -> None:
    violation = refused(organisation, vin="WBAUV71O70A19374")
    assert (violation.code, violation.field) == ("VIN-0001", "vin")


def test_it_refuses_the_last_seven_characters_alone(organisation, vehicle) -> None:
    violation = refused(organisation, vin="A193748")
    assert violation.code == "VIN-0001" and "17 characters" in violation.message


def test_it_refuses_unknown_cbs_positions_naming_them(organisation, vehicle) -> None:
    violation = refused(organisation, cbs=[{"position": "flux_capacitor", "percent": 10}])
    assert (violation.code, violation.field) == ("KR-0004", "cbs.0")
    assert "flux_capacitor" in violation.message


def test_it_refuses_a_cbs_position_listed_twice(organisation, vehicle) -> None:
    item = {"position": "engine_oil", "percent": 40}
    assert refused(organisation, cbs=[item, item]).code == "KR-0006"


def test_it_refuses_a_cbs_item_without_any_value(organisation, vehicle) -> None:
    assert refused(organisation, cbs=[{"position": "engine_oil"}]).code == "KR-0005"


def test_it_refuses_a_percentage_above_100(organisation, vehicle) -> None:
    violation = refused(organisation, cbs=[{"position": "engine_oil", "percent": 140}])
    assert (violation.code, violation.field) == ("KR-0005", "cbs.0.percent")


def test_it_refuses_a_check_control_code_of_the_wrong_shape(organisation, vehicle) -> None:
    violation = refused(organisation, check_control=[{"code": "CC-29", "text": "Oil"}])
    assert (violation.code, violation.field) == ("KR-0007", "check_control.0.code")


def test_it_refuses_a_check_control_message_without_text(organisation, vehicle) -> None:
    assert refused(organisation, check_control=[{"code": "29", "text": "  "}]).code == "KR-0008"


def test_it_refuses_an_impossible_key_number(organisation, vehicle) -> None:
    assert refused(organisation, key_number=250).code == "KR-0009"


def test_it_refuses_a_raw_readout_that_is_not_base64(organisation, vehicle) -> None:
    assert refused(organisation, raw_readout="not base64 at all!").code == "KR-0002"


def test_it_refuses_a_raw_readout_above_64_kb(organisation, vehicle) -> None:
    raw = base64.b64encode(b"\x00" * (MAX_RAW_BYTES + 1)).decode()
    violation = refused(organisation, raw_readout=raw)
    assert (violation.code, violation.status) == ("KR-0001", 413)


def test_it_accepts_a_raw_readout_of_exactly_64_kb(organisation, vehicle) -> None:
    read = store_read(organisation, raw_readout=base64.b64encode(b"\x07" * MAX_RAW_BYTES).decode())
    assert read.raw_size == MAX_RAW_BYTES


def test_it_keeps_html_in_a_message_as_text(organisation, vehicle) -> None:
    read = store_read(organisation, check_control=[{"code": "1", "text": "<b>Oil</b>"}])
    assert read.messages.get().text == "<b>Oil</b>"
