"""The operator keeps vehicles, the CBS catalogue and the WMI table in the back office."""

import pytest
from django.urls import reverse

from aftersales.vehicles.models import Vehicle, WorldManufacturerIdentifier

from .factories import CbsApplicabilityFactory, VehicleFactory, VehicleOptionFactory

pytestmark = pytest.mark.django_db


def test_it_finds_a_vehicle_by_its_last_seven_characters(client_for, operator):
    VehicleFactory(vin="WBAUV71070A193748")
    VehicleFactory(vin="WMWZC31090A123456")
    response = client_for(operator).get(
        reverse("admin:vehicles_vehicle_changelist"), {"q": "A193748"}
    )
    assert response.status_code == 200
    assert b"WBAUV71070A193748" in response.content
    assert b"WMWZC31090A123456" not in response.content


def test_it_finds_a_vehicle_by_its_full_vin(client_for, operator):
    VehicleFactory(vin="WBAUV71070A193748")
    response = client_for(operator).get(
        reverse("admin:vehicles_vehicle_changelist"), {"q": " wbauv71070a193748"}
    )
    assert b"WBAUV71070A193748" in response.content


def test_it_searches_the_text_fields_for_anything_else(client_for, operator):
    VehicleFactory(vin="WBAUV71070A193748", model_designation="335i")
    VehicleFactory(vin="WMWZC31090A123456", model_designation="Cooper S")
    response = client_for(operator).get(
        reverse("admin:vehicles_vehicle_changelist"), {"q": "cooper"}
    )
    assert b"WMWZC31090A123456" in response.content
    assert b"WBAUV71070A193748" not in response.content


def test_it_shows_the_options_and_cbs_status_inlines(client_for, operator):
    option = VehicleOptionFactory(code="S494A", description="Seat heating")
    response = client_for(operator).get(
        reverse("admin:vehicles_vehicle_change", args=[option.vehicle.pk])
    )
    assert response.status_code == 200
    assert b"Seat heating" in response.content
    assert b"cbs_status-TOTAL_FORMS" in response.content


def _vehicle_form(vin: str) -> dict[str, str]:
    return {
        "vin": vin,
        "brand": "",
        "model_designation": "335i",
        "lead_model": "UV81",
        "model_code": "UV81",
        "series": "E91",
        "engine_type": "N54",
        "production_date": "2008-09-22",
        "mileage_km": "129226",
        "number_of_keys": "2",
        "key_system": "CAS",
        "options-TOTAL_FORMS": "0",
        "options-INITIAL_FORMS": "0",
        "cbs_status-TOTAL_FORMS": "0",
        "cbs_status-INITIAL_FORMS": "0",
    }


def test_it_normalises_the_vin_and_takes_the_brand_from_the_wmi(client_for, operator):
    response = client_for(operator).post(
        reverse("admin:vehicles_vehicle_add"), _vehicle_form(" wbauv71070a193748 ")
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    vehicle = Vehicle.objects.get()
    assert vehicle.vin == "WBAUV71070A193748"
    assert vehicle.vin7 == "A193748"
    assert vehicle.brand == "bmw"


def test_it_refuses_a_malformed_vin(client_for, operator):
    response = client_for(operator).post(
        reverse("admin:vehicles_vehicle_add"), _vehicle_form("WBAUV71O70A193748")
    )
    assert response.status_code == 200
    assert b"except I, O and Q" in response.content
    assert not Vehicle.objects.exists()


def test_it_shows_a_cbs_position_with_its_applicability(client_for, operator):
    row = CbsApplicabilityFactory(series="E91", engine_type="N54")
    response = client_for(operator).get(
        reverse("admin:vehicles_cbsposition_change", args=[row.cbs_position.pk])
    )
    assert response.status_code == 200
    assert b'value="E91"' in response.content


def test_it_lists_the_wmi_table(client_for, operator):
    response = client_for(operator).get(
        reverse("admin:vehicles_worldmanufactureridentifier_changelist")
    )
    assert response.status_code == 200
    assert WorldManufacturerIdentifier.objects.filter(wmi="SCA").exists()
    assert b"SCA" in response.content


def test_it_keeps_workshop_users_out(client_for, owner):
    response = client_for(owner).get(reverse("admin:vehicles_vehicle_changelist"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def _flagged_reading():  # type: ignore[no-untyped-def]
    import datetime

    from aftersales.vehicles.services import mileage_reading_record

    vehicle = VehicleFactory()
    day = datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)
    mileage_reading_record(vehicle=vehicle, mileage=90_000, source="key_read", read_at=day)
    return mileage_reading_record(
        vehicle=vehicle,
        mileage=1_000,
        source="key_read",
        read_at=day + datetime.timedelta(days=30),
    )


def test_it_lets_the_operator_explain_a_mileage_flag(client_for, operator):
    reading = _flagged_reading()
    url = reverse("admin:vehicles_mileagereading_change", args=[reading.pk])
    response = client_for(operator).post(url, {"explanation": "Instrument cluster replaced."})
    assert response.status_code == 302
    reading.refresh_from_db()
    assert reading.explained_by == operator and reading.is_flagged
    assert reading.explanation == "Instrument cluster replaced."


def test_it_refuses_an_empty_explanation_and_keeps_the_flag_open(client_for, operator):
    reading = _flagged_reading()
    url = reverse("admin:vehicles_mileagereading_change", args=[reading.pk])
    response = client_for(operator).post(url, {"explanation": "   "})
    assert "Say why the lower reading is explained" in response.content.decode()
    reading.refresh_from_db()
    assert reading.explained_at is None


def test_it_lists_the_open_mileage_flags(client_for, operator):
    reading = _flagged_reading()
    response = client_for(operator).get(
        reverse("admin:vehicles_mileagereading_changelist"), {"flag": "open"}
    )
    assert response.status_code == 200
    assert "lower than an earlier reading" in response.content.decode()
    assert reading.vehicle.vin in response.content.decode()
