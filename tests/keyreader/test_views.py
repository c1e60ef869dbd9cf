"""The Key reads pages: list, detail, "Use for order", raw read-out, upload form; outsiders see
nothing of another workshop."""

from __future__ import annotations

import base64
import json
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from aftersales import clock
from aftersales.keyreader.models import KeyRead
from aftersales.keyreader.readout import MAX_FILE_BYTES
from aftersales.orders.drafts import SESSION_KEY

from .conftest import RAW, UNKNOWN_VIN, VIN, read_body, store_read

pytestmark = pytest.mark.django_db

LIST = reverse("keyreader:key_reads")


@pytest.fixture
def read(owner, tickets, vehicle) -> KeyRead:  # type: ignore[no-untyped-def]
    return store_read(owner.organisation)


def upload(client, body: object, name: str = "read.json"):  # type: ignore[no-untyped-def]
    content = body if isinstance(body, bytes) else json.dumps(body).encode()
    return client.post(LIST, {"file": SimpleUploadedFile(name, content, "application/json")})


def test_it_lists_the_own_reads_newest_first(client_for, owner, read) -> None:  # type: ignore[no-untyped-def]
    older = store_read(
        owner.organisation,
        key_number=2,
        read_at=(clock.now() - timedelta(days=3)).isoformat(),
    )
    page = client_for(owner).get(LIST).content.decode()
    newer_at = page.index(reverse("keyreader:key_read", args=[read.pk]))
    older_at = page.index(reverse("keyreader:key_read", args=[older.pk]))
    assert newer_at < older_at and "131,480 km" in page


def test_it_shows_the_outsider_none_of_the_reads(client_for, outsider, read) -> None:  # type: ignore[no-untyped-def]
    page = client_for(outsider).get(LIST).content.decode()
    assert "No key reads yet." in page and VIN not in page


def test_it_answers_404_to_the_outsider_on_a_read(client_for, outsider, read) -> None:  # type: ignore[no-untyped-def]
    client = client_for(outsider)
    for name in ("keyreader:key_read", "keyreader:key_read_raw"):
        assert client.get(reverse(name, args=[read.pk])).status_code == 404
    assert client.post(reverse("keyreader:key_read_use", args=[read.pk])).status_code == 404


def test_it_refuses_a_workshop_without_a_ticket(client_for, owner, applications) -> None:  # type: ignore[no-untyped-def]
    response = client_for(owner).get(LIST)
    assert response.status_code == 403 and "Book a ticket" in response.content.decode()


def test_it_shows_a_read_with_its_due_positions_and_messages(client_for, owner, read) -> None:  # type: ignore[no-untyped-def]
    page = client_for(owner).get(reverse("keyreader:key_read", args=[read.pk])).content.decode()
    assert VIN in page and "Use for order" in page
    assert "Engine oil" in page and "Due soon" in page
    assert "Service due soon: engine oil." in page


def test_it_escapes_html_of_a_message(client_for, owner, tickets, vehicle) -> None:  # type: ignore[no-untyped-def]
    read = store_read(
        owner.organisation, check_control=[{"code": "7", "text": "<script>alert(1)</script>"}]
    )
    page = client_for(owner).get(reverse("keyreader:key_read", args=[read.pk])).content.decode()
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page


def test_it_flags_a_read_below_the_central_mileage(client_for, owner, tickets, vehicle) -> None:  # type: ignore[no-untyped-def]
    read = store_read(owner.organisation, mileage="120000")
    page = client_for(owner).get(reverse("keyreader:key_read", args=[read.pk])).content.decode()
    assert "lower than the central mileage" in page


def test_it_shows_an_unmatched_read_as_waiting_for_its_vehicle(
    client_for, owner, tickets, catalogue
) -> None:  # type: ignore[no-untyped-def]
    read = store_read(owner.organisation, vin=UNKNOWN_VIN)
    page = client_for(owner).get(reverse("keyreader:key_read", args=[read.pk])).content.decode()
    assert "Not in the central vehicle data yet" in page and "Use for order" not in page


def test_it_uses_a_read_for_the_order(client_for, owner, read) -> None:  # type: ignore[no-untyped-def]
    client = client_for(owner)
    response = client.post(reverse("keyreader:key_read_use", args=[read.pk]))
    assert response["Location"] == reverse("servicehistory:service_data", args=[VIN])
    draft = client.session[SESSION_KEY][VIN]
    assert draft["mileage"] == "131480"
    assert draft["positions"] == ["engine_oil", "vehicle_check"]


def test_it_fills_the_service_data_screen_from_the_read(client_for, owner, read) -> None:  # type: ignore[no-untyped-def]
    client = client_for(owner)
    page = client.post(
        reverse("keyreader:key_read_use", args=[read.pk]), follow=True
    ).content.decode()
    assert 'value="131480"' in page
    assert 'value="engine_oil" id="position-engine_oil" checked' in page
    assert 'value="front_brake" id="position-front_brake" checked' not in page


def test_it_does_not_fill_in_a_mileage_below_the_central_one(
    client_for, owner, tickets, vehicle
) -> None:  # type: ignore[no-untyped-def]
    read = store_read(owner.organisation, mileage="120000")
    client = client_for(owner)
    page = client.post(
        reverse("keyreader:key_read_use", args=[read.pk]), follow=True
    ).content.decode()
    assert client.session[SESSION_KEY][VIN]["mileage"] == ""
    assert "KR-0012" in page and "was not filled in" in page


def test_it_keeps_what_the_draft_held(client_for, owner, read) -> None:  # type: ignore[no-untyped-def]
    client = client_for(owner)
    client.post(
        reverse("servicehistory:service_data", args=[VIN]),
        {"positions": ["brake_fluid"], "mileage": "", "maintenance_date": ""},
    )
    client.post(reverse("keyreader:key_read_use", args=[read.pk]))
    positions = client.session[SESSION_KEY][VIN]["positions"]
    assert positions == ["brake_fluid", "engine_oil", "vehicle_check"]


def test_it_downloads_the_raw_readout(client_for, owner, read) -> None:  # type: ignore[no-untyped-def]
    response = client_for(owner).get(reverse("keyreader:key_read_raw", args=[read.pk]))
    assert response.content == RAW and "attachment" in response["Content-Disposition"]


def test_it_stores_an_uploaded_readout_file(client_for, owner, tickets, vehicle) -> None:  # type: ignore[no-untyped-def]
    response = upload(client_for(owner), read_body())
    read = KeyRead.objects.get()
    assert response["Location"] == reverse("keyreader:key_read", args=[read.pk])
    assert read.source == "upload" and read.uploaded_by == owner


def test_it_refuses_an_upload_with_letters_in_the_mileage(
    client_for, owner, tickets, vehicle
) -> None:  # type: ignore[no-untyped-def]
    response = upload(client_for(owner), read_body(mileage="12k"))
    assert response.status_code == 422 and "IPL-0051" in response.content.decode()
    assert not KeyRead.objects.exists()


def test_it_refuses_an_upload_that_is_not_json(client_for, owner, tickets, vehicle) -> None:  # type: ignore[no-untyped-def]
    response = upload(client_for(owner), b"VIN;KM\nWBAUV71070A193748;131480\n", "read.csv")
    assert response.status_code == 422 and "KR-0010" in response.content.decode()


def test_it_names_the_missing_fields_of_an_upload(client_for, owner, tickets, vehicle) -> None:  # type: ignore[no-untyped-def]
    body = read_body()
    del body["read_at"]
    page = upload(client_for(owner), body).content.decode()
    assert "KR-0010" in page and "read_at" in page


def test_it_refuses_an_oversized_upload_while_it_arrives(
    client_for, owner, tickets, vehicle
) -> None:  # type: ignore[no-untyped-def]
    response = upload(client_for(owner), b" " * (MAX_FILE_BYTES + 1))
    assert response.status_code == 422 and "KR-0011" in response.content.decode()


def test_it_refuses_an_upload_with_a_raw_readout_above_64_kb(
    client_for, owner, tickets, vehicle
) -> None:  # type: ignore[no-untyped-def]
    raw = base64.b64encode(b"\x00" * (64 * 1024 + 10)).decode()
    page = upload(client_for(owner), read_body(raw_readout=raw)).content.decode()
    assert "KR-0001" in page


def test_it_needs_the_csrf_token_to_upload(owner, tickets, vehicle) -> None:  # type: ignore[no-untyped-def]
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    response = upload(client, read_body())
    assert response.status_code == 403 and not KeyRead.objects.exists()


def test_it_shows_the_read_as_a_notice_on_service_history(client_for, owner, read) -> None:  # type: ignore[no-untyped-def]
    page = client_for(owner).get(reverse("servicehistory:central_data", args=[VIN]))
    assert "Key read of" in page.content.decode() and "2 CBS positions due" in page.content.decode()


def test_it_shows_the_outsider_no_notice_of_anothers_read(client_for, outsider, read) -> None:  # type: ignore[no-untyped-def]
    page = client_for(outsider).get(reverse("servicehistory:central_data", args=[VIN]))
    assert "Key read of" not in page.content.decode()
