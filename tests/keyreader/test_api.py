"""POST /key-reads with a key-reader device token; reading the reads back with a user token."""

from __future__ import annotations

import base64
from datetime import timedelta

import pytest

from aftersales import clock
from aftersales.keyreader.models import KeyRead
from aftersales.keyreader.rules import MAX_RAW_BYTES
from tests.api.conftest import assert_problem

from .conftest import UNKNOWN_VIN, VIN, device_token, read_body, store_read

pytestmark = pytest.mark.django_db

URL = "/api/v1/key-reads"


@pytest.fixture
def device(device_for, owner, tickets, vehicle):  # type: ignore[no-untyped-def]
    return device_for(owner)


def test_it_stores_a_key_read_from_a_device(device) -> None:  # type: ignore[no-untyped-def]
    response = device.post(URL, read_body())
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["vin"], body["mileage_km"], body["matched"]) == (VIN, 131_480, True)
    assert body["central_mileage_km"] == 129_226 and body["below_central"] is False
    due = {item["position"]: item["due"] for item in body["cbs"]}
    assert due == {"engine_oil": True, "vehicle_check": True, "front_brake": False}
    assert body["check_control"] == [{"code": "29", "text": "Service due soon: engine oil."}]
    assert response["Idempotent-Replayed"] == "false"


def test_it_stores_an_unknown_vin_unmatched(device) -> None:  # type: ignore[no-untyped-def]
    response = device.post(URL, read_body(vin=UNKNOWN_VIN))
    assert response.status_code == 201
    assert response.json()["matched"] is False
    assert KeyRead.objects.get().vehicle is None


def test_it_answers_the_same_read_again_with_the_first(device) -> None:  # type: ignore[no-untyped-def]
    body = read_body()
    first = device.post(URL, body).json()
    again = device.post(URL, body)
    assert again.status_code == 200 and again["Idempotent-Replayed"] == "true"
    assert again.json()["id"] == first["id"] and KeyRead.objects.count() == 1


def test_it_refuses_a_raw_readout_above_64_kb_with_413(device) -> None:  # type: ignore[no-untyped-def]
    raw = base64.b64encode(b"\x01" * (MAX_RAW_BYTES + 1)).decode()
    body = assert_problem(device.post(URL, read_body(raw_readout=raw)), 413, "KR-0001")
    assert body["field"] == "raw_readout" and body["max_bytes"] == MAX_RAW_BYTES
    assert not KeyRead.objects.exists()


def test_it_refuses_a_body_larger_than_the_portal_takes(device, settings) -> None:  # type: ignore[no-untyped-def]
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100_000
    raw = "A" * 200_000
    assert_problem(device.post(URL, read_body(raw_readout=raw)), 413, "API-0413")


def test_it_refuses_a_read_time_in_the_future(device) -> None:  # type: ignore[no-untyped-def]
    future = (clock.now() + timedelta(days=1)).isoformat()
    body = assert_problem(device.post(URL, read_body(read_at=future)), 422, "KR-0003")
    assert body["field"] == "read_at"


def test_it_refuses_a_mileage_with_letters_with_ipl_0051(device) -> None:  # type: ignore[no-untyped-def]
    body = assert_problem(device.post(URL, read_body(mileage="13l480")), 422, "IPL-0051")
    assert body["field"] == "mileage"


def test_it_refuses_a_malformed_vin(device) -> None:  # type: ignore[no-untyped-def]
    assert_problem(device.post(URL, read_body(vin="WBAUV7107")), 422, "VIN-0001")


def test_it_refuses_an_unknown_cbs_position(device) -> None:  # type: ignore[no-untyped-def]
    cbs = [{"position": "wiper_fluid", "percent": 20}]
    body = assert_problem(device.post(URL, read_body(cbs=cbs)), 422, "KR-0004")
    assert body["positions"] == ["wiper_fluid"]


def test_it_refuses_a_body_without_a_vin_as_a_validation_error(device) -> None:  # type: ignore[no-untyped-def]
    body = read_body()
    del body["vin"]
    problem = assert_problem(device.post(URL, body), 422, "API-0001")
    assert problem["errors"][0]["field"] == "vin"


def test_it_refuses_a_users_write_token(api_for, owner, tickets, vehicle) -> None:  # type: ignore[no-untyped-def]
    assert_problem(api_for(owner, "write").post(URL, read_body()), 403, "API-0013")


def test_it_refuses_the_device_token_everywhere_else(device) -> None:  # type: ignore[no-untyped-def]
    assert_problem(device.get(f"/api/v1/vehicles/{VIN}"), 403, "API-0013")
    assert_problem(device.get(URL), 403, "API-0013")


def test_it_refuses_without_a_token(api_for, vehicle) -> None:  # type: ignore[no-untyped-def]
    assert_problem(api_for(None).post(URL, read_body()), 401, "API-0401")


def test_it_refuses_a_device_of_a_workshop_without_a_ticket(device_for, owner, vehicle) -> None:  # type: ignore[no-untyped-def]
    assert_problem(device_for(owner).post(URL, read_body()), 403, "ACCESS-0004")


def test_it_files_the_read_under_the_devices_organisation(device, owner) -> None:  # type: ignore[no-untyped-def]
    read_id = device.post(URL, read_body()).json()["id"]
    read = KeyRead.objects.get(pk=read_id)
    assert read.organisation == owner.organisation and read.device is not None


def test_it_lists_the_own_organisations_reads_newest_first(
    api_for, owner, tickets, vehicle
) -> None:  # type: ignore[no-untyped-def]
    older = store_read(owner.organisation, read_at=(clock.now() - timedelta(days=2)).isoformat())
    newer = store_read(owner.organisation, key_number=2)
    body = api_for(owner, "read").get(URL).json()
    assert [item["id"] for item in body] == [newer.pk, older.pk]


def test_it_shows_the_outsider_none_of_the_reads(
    api_for, owner, outsider, tickets, vehicle
) -> None:  # type: ignore[no-untyped-def]
    read = store_read(owner.organisation)
    client = api_for(outsider, "read")
    assert client.get(URL).json() == []
    assert_problem(client.get(f"{URL}/{read.pk}"), 404, "API-0404")


def test_it_shows_one_read_to_its_organisation(api_for, owner, tickets, vehicle) -> None:  # type: ignore[no-untyped-def]
    read = store_read(owner.organisation)
    body = api_for(owner, "read").get(f"{URL}/{read.pk}").json()
    assert body["id"] == read.pk and body["raw_readout"]["size"] == read.raw_size


def test_it_documents_the_operation_under_its_tag(api_for) -> None:  # type: ignore[no-untyped-def]
    schema = api_for(None).get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/key-reads"]["post"]
    assert operation["tags"] == ["KeyReader"] and "413" in operation["responses"]


def test_it_takes_the_device_tokens_of_an_outsider_for_the_outsider(
    device_for, outsider, tickets, vehicle
) -> None:  # type: ignore[no-untyped-def]
    read_id = device_for(outsider).post(URL, read_body()).json()["id"]
    assert KeyRead.objects.get(pk=read_id).organisation == outsider.organisation


def test_it_refuses_a_revoked_device_token(owner, tickets, vehicle) -> None:  # type: ignore[no-untyped-def]
    from aftersales.api.models import ApiToken
    from tests.api.conftest import ApiClient

    raw = device_token(owner)
    ApiToken.objects.filter(scope="key-reader").update(revoked_at=clock.now())
    assert_problem(ApiClient(raw).post(URL, read_body()), 401, "API-0401")
