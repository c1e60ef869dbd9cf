"""Creating, reading and cancelling service entries: the Service history rules, via the API."""

from __future__ import annotations

from datetime import timedelta

import pytest

from aftersales import clock
from aftersales.servicehistory.models import ServiceEntry

from .conftest import VIN, assert_problem, create_entry, entry_body

pytestmark = pytest.mark.django_db
ENTRIES = f"/api/v1/vehicles/{VIN}/service-entries"


def test_it_creates_an_entry_with_its_order_base(api_for, owner, vehicle):
    body = create_entry(api_for(owner))
    entry = ServiceEntry.objects.get()
    assert body["id"] == entry.pk
    assert body["number"] == entry.number
    assert body["mileage_km"] == 130_500
    assert [p["code"] for p in body["positions"]] == ["engine_oil", "vehicle_check"]
    assert [line["number"] for line in body["lines"]] == ["00 00 610", "00 00 650", "00 00 105"]
    assert body["transfer_pending"] is True
    assert entry.consent_given_at is not None


def test_it_accepts_the_mileage_as_a_json_number(api_for, owner, vehicle):
    assert create_entry(api_for(owner), mileage=131000)["mileage_km"] == 131_000


def test_it_refuses_a_mileage_with_other_characters_than_digits(api_for, owner, vehicle):
    response = api_for(owner).post(ENTRIES, entry_body(mileage="130.500 km"))
    problem = assert_problem(response, 422, "IPL-0051")
    assert problem["field"] == "mileage"
    assert "only the numbers 0 - 9" in problem["detail"] or "numbers 0 - 9" in problem["detail"]
    assert not ServiceEntry.objects.exists()


def test_it_stores_nothing_without_consent(api_for, owner, vehicle):
    response = api_for(owner).post(ENTRIES, entry_body(consent=False))
    assert assert_problem(response, 422, "SH-0030")["field"] == "consent"
    assert not ServiceEntry.objects.exists()


def test_it_refuses_a_future_maintenance_date(api_for, owner, vehicle):
    tomorrow = (clock.today() + timedelta(days=1)).isoformat()
    response = api_for(owner).post(ENTRIES, entry_body(maintenance_date=tomorrow))
    assert assert_problem(response, 422, "SH-0011")["field"] == "maintenance_date"


def test_it_refuses_an_implausible_mileage_jump_unless_confirmed(api_for, owner, vehicle):
    api = api_for(owner)
    problem = assert_problem(api.post(ENTRIES, entry_body(mileage="1900000")), 422, "SH-0004")
    assert problem["needs_confirmation"] is True
    assert create_entry(api, mileage="1900000", confirm_mileage_jump=True)["mileage_km"]


def test_it_names_each_missing_field(api_for, owner, vehicle):
    response = api_for(owner).post(ENTRIES, {"mileage": "130500"})
    problem = assert_problem(response, 422, "API-0001")
    assert {e["field"] for e in problem["errors"]} == {"maintenance_date", "positions", "consent"}


def test_it_answers_the_message_in_danish_on_request(api_for, owner, vehicle):
    response = api_for(owner).post(
        ENTRIES, entry_body(consent=False), headers={"Accept-Language": "da"}
    )
    problem = assert_problem(response, 422, "SH-0030")
    assert response["Content-Language"] == "da"
    assert problem["detail"]


def test_it_reads_an_entry_with_prices_for_the_entering_workshop(api_for, owner, vehicle):
    api = api_for(owner, "write")
    created = create_entry(api)
    body = api.get(f"/api/v1/service-entries/{created['id']}").json()
    assert body["lines"][0]["package_price_gross"] == "243.75"
    assert body["entered_by"] == "owner@example.com"


def test_it_hides_prices_and_author_from_another_workshop(api_for, owner, outsider, vehicle):
    created = create_entry(api_for(owner))
    body = api_for(outsider, "read").get(f"/api/v1/service-entries/{created['id']}").json()
    assert body["own"] is False
    assert body["entered_by"] is None
    assert {line["package_price_gross"] for line in body["lines"]} == {None}


def test_it_answers_404_for_an_unknown_entry(api_for, owner, vehicle):
    assert_problem(api_for(owner).get("/api/v1/service-entries/999999"), 404, "API-0404")


def test_it_cancels_an_entry_with_a_reason(api_for, owner, vehicle):
    api = api_for(owner)
    created = create_entry(api)
    response = api.post(f"/api/v1/service-entries/{created['id']}/cancel", {"reason": "Wrong car"})
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "cancelled"
    assert body["cancellation_reason"] == "Wrong car"
    assert body["transfer_pending"] is False


def test_it_refuses_a_cancellation_without_reason(api_for, owner, vehicle):
    api = api_for(owner)
    created = create_entry(api)
    response = api.post(f"/api/v1/service-entries/{created['id']}/cancel", {"reason": "  "})
    assert assert_problem(response, 422, "SH-0054")["field"] == "reason"


def test_it_refuses_a_cancellation_by_another_workshop(api_for, owner, outsider, vehicle):
    created = create_entry(api_for(owner))
    response = api_for(outsider).post(
        f"/api/v1/service-entries/{created['id']}/cancel", {"reason": "Not ours"}
    )
    assert_problem(response, 403, "SH-0050")
    assert ServiceEntry.objects.get().cancelled_at is None


def test_it_refuses_to_cancel_twice(api_for, owner, vehicle):
    api = api_for(owner)
    created = create_entry(api)
    api.post(f"/api/v1/service-entries/{created['id']}/cancel", {"reason": "Wrong car"})
    response = api.post(f"/api/v1/service-entries/{created['id']}/cancel", {"reason": "Again"})
    assert_problem(response, 409, "SH-0052")


def test_it_refuses_a_cancellation_after_the_correction_window(api_for, owner, vehicle, settings):
    api = api_for(owner)
    created = create_entry(api)
    ServiceEntry.objects.filter(pk=created["id"]).update(
        created_at=clock.now() - timedelta(days=settings.SERVICE_ENTRY_CORRECTION_DAYS + 1)
    )
    response = api.post(f"/api/v1/service-entries/{created['id']}/cancel", {"reason": "Late"})
    assert_problem(response, 409, "SH-0051")


def test_it_corrects_an_entry_as_a_new_version(api_for, owner, vehicle):
    api = api_for(owner)
    created = create_entry(api)
    response = api.post(
        f"/api/v1/service-entries/{created['id']}/correct",
        {"positions": ["engine_oil", "microfilter"], "comment": "Microfilter too."},
    )
    assert response.status_code == 201
    body = response.json()
    assert body["version"] == 2
    assert body["number"] == f"{created['number']}/2"
    assert [p["code"] for p in body["positions"]] == ["engine_oil", "microfilter"]
    old = api.get(f"/api/v1/service-entries/{created['id']}").json()
    assert old["status"] == "superseded"


def test_it_refuses_a_correction_by_another_workshop(api_for, owner, outsider, vehicle):
    created = create_entry(api_for(owner))
    response = api_for(outsider).post(
        f"/api/v1/service-entries/{created['id']}/correct", {"positions": ["engine_oil"]}
    )
    assert_problem(response, 403, "SH-0050")


# --- control characters (aftersales/api/text.py) ---------------------------------------------


@pytest.mark.parametrize("comment", ["Oil\x00", "Esc\x1b[2J", "Bell\x07"])
def test_it_refuses_a_comment_with_a_control_character(api_for, owner, vehicle, comment):
    response = api_for(owner).post(ENTRIES, entry_body(comment=comment))
    problem = assert_problem(response, 422, "TEXT-0001")
    assert problem["field"] == "comment"
    assert not ServiceEntry.objects.exists()


def test_it_accepts_a_comment_of_several_lines(api_for, owner, vehicle):
    create_entry(api_for(owner), comment="Oil service.\r\nWipers\tchanged.")
    assert ServiceEntry.objects.get().comment == "Oil service.\r\nWipers\tchanged."


def test_it_keeps_the_comment_when_a_correction_has_a_control_character(api_for, owner, vehicle):
    api = api_for(owner)
    created = create_entry(api, comment="First comment")
    response = api.post(
        f"/api/v1/service-entries/{created['id']}/correct",
        {"positions": ["engine_oil"], "comment": "\x00"},
    )
    assert_problem(response, 422, "TEXT-0001")
    assert list(ServiceEntry.objects.values_list("comment", flat=True)) == ["First comment"]


def test_it_refuses_a_cancellation_reason_with_a_control_character(api_for, owner, vehicle):
    api = api_for(owner)
    created = create_entry(api)
    response = api.post(f"/api/v1/service-entries/{created['id']}/cancel", {"reason": "x\x00"})
    assert_problem(response, 422, "TEXT-0001")
    assert ServiceEntry.objects.get().cancelled_at is None
