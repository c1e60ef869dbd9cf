"""The back office: unmatched key reads for the operator, matching them, key readers."""

from __future__ import annotations

import pytest
from django.urls import reverse

from aftersales.api.models import ApiToken
from aftersales.keyreader.models import KeyRead
from aftersales.vehicles.models import Vehicle
from tests.servicehistory.factories import VehicleFactory

from .conftest import RAW, UNKNOWN_VIN, store_read

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:keyreader_keyread_changelist")


def test_it_lists_the_unmatched_reads_for_the_operator(
    client_for, operator, owner, vehicle
) -> None:  # type: ignore[no-untyped-def]
    store_read(owner.organisation)
    store_read(owner.organisation, vin=UNKNOWN_VIN)
    page = client_for(operator).get(CHANGELIST, {"matched": "no"}).content.decode()
    assert UNKNOWN_VIN in page and "WBAUV71070A193748" not in page


def test_it_matches_the_selected_reads_with_imported_vehicles(
    client_for, operator, owner, catalogue
) -> None:  # type: ignore[no-untyped-def]
    read = store_read(owner.organisation, vin=UNKNOWN_VIN)
    Vehicle.objects.bulk_create([VehicleFactory.build(vin=UNKNOWN_VIN)])  # no signals: an import
    response = client_for(operator).post(
        CHANGELIST, {"action": "match", "_selected_action": [read.pk]}, follow=True
    )
    assert "1 key read(s) linked" in response.content.decode()
    read.refresh_from_db()
    assert read.vehicle is not None


def test_it_lets_the_operator_download_a_raw_readout(client_for, operator, owner, vehicle) -> None:  # type: ignore[no-untyped-def]
    read = store_read(owner.organisation)
    response = client_for(operator).get(reverse("admin:keyreader_keyread_raw", args=[read.pk]))
    assert b"".join(response.streaming_content) == RAW


def test_it_refuses_the_raw_readout_to_a_workshop_user(client_for, owner, vehicle) -> None:  # type: ignore[no-untyped-def]
    read = store_read(owner.organisation)
    response = client_for(owner).get(reverse("admin:keyreader_keyread_raw", args=[read.pk]))
    assert response.status_code == 302 and "login" in response["Location"]


def test_it_lets_the_operator_make_a_key_reader_for_an_administrator(
    client_for, operator, owner
) -> None:  # type: ignore[no-untyped-def]
    response = client_for(operator).post(
        reverse("admin:keyreader_keyreaderdevice_add"),
        {"administrator": owner.pk, "name": "Reception 2"},
        follow=True,
    )
    token = ApiToken.objects.get(scope="key-reader")
    assert token.user == owner and f"as_{token.prefix}_" in response.content.decode()


def test_it_lists_only_device_tokens_as_key_readers(client_for, operator, owner) -> None:  # type: ignore[no-untyped-def]
    from aftersales.api.services import device_token_create, token_create

    token_create(actor=owner, name="DMS", scope="read")
    device_token_create(actor=owner, administrator=owner, name="Reception 1")
    page = (
        client_for(operator)
        .get(reverse("admin:keyreader_keyreaderdevice_changelist"))
        .content.decode()
    )
    assert "Reception 1" in page and "DMS" not in page


def test_it_keeps_key_reads_read_only(client_for, operator, owner, vehicle) -> None:  # type: ignore[no-untyped-def]
    read = store_read(owner.organisation)
    url = reverse("admin:keyreader_keyread_change", args=[read.pk])
    client_for(operator).post(url, {"mileage_km": "1"})
    assert KeyRead.objects.get(pk=read.pk).mileage_km == 131_480
