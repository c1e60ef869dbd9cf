"""A link per stored change of an entry: creation, correction, cancellation, transfer."""

from __future__ import annotations

import hashlib
import json

import pytest
from django.db import DatabaseError, IntegrityError, transaction

from aftersales import clock
from aftersales.servicehistory.services import (
    service_entry_cancel,
    service_entry_confirm_transfer,
    service_entry_correct,
)
from aftersales.trust.canonical import GENESIS
from aftersales.trust.models import ChainLink
from aftersales.trust.verification import verify_vehicle

from .helpers import raw, store

pytestmark = pytest.mark.django_db


def links(vehicle) -> list[ChainLink]:  # type: ignore[no-untyped-def]
    return list(ChainLink.objects.filter(vehicle=vehicle).order_by("sequence"))


def test_it_links_a_stored_entry_to_the_start_of_the_vehicles_chain(owner, vehicle):
    entry = store(owner, vehicle)
    [link] = links(vehicle)
    assert (link.sequence, link.kind, link.entry_id) == (1, "created", entry.pk)
    expected = hashlib.sha256(
        b"aftersales-chain-v1\n" + GENESIS.encode() + b"\n" + link.payload.encode()
    ).hexdigest()
    assert link.hash == expected


def test_it_hashes_the_documented_fields_in_the_documented_order(owner, vehicle):
    entry = store(owner, vehicle, comment="Customer waits.")
    document = json.loads(links(vehicle)[0].payload)
    assert list(document) == [
        "v", "vin", "seq", "kind", "entry", "version", "date", "km", "positions", "lines",
        "comment", "org", "stored_at", "consent_at", "at", "replaces",
    ]  # fmt: skip
    assert document["vin"] == vehicle.vin and document["entry"] == entry.number
    assert document["km"] == 130_000 and document["positions"] == ["engine_oil"]
    assert document["lines"][0][0] == "SRP" and len(document["lines"][0]) == 8


def test_it_hashes_the_comment_and_the_organisation_never_the_person(owner, vehicle):
    store(owner, vehicle, comment="Customer waits.")
    text = links(vehicle)[0].payload
    document = json.loads(text)
    assert "Customer waits." not in text
    assert document["comment"] == hashlib.sha256(b"Customer waits.").hexdigest()
    assert document["org"] == owner.organisation_id
    assert owner.email not in text and owner.full_name not in text


def test_it_links_every_later_change_after_the_one_before(owner, vehicle):
    entry = store(owner, vehicle)
    corrected = service_entry_correct(
        actor=owner,
        entry=entry,
        position_codes=["engine_oil", "brake_fluid"],
        comment="",
        ip_address=None,
    )
    service_entry_confirm_transfer(
        actor=owner, entry=corrected, transferred_at=clock.now(), tool_id="ISTA-4.39"
    )
    service_entry_cancel(actor=owner, entry=corrected, reason="Wrong vehicle.", ip_address=None)
    chain = links(vehicle)
    assert [(link.sequence, link.kind) for link in chain] == [
        (1, "created"), (2, "corrected"), (3, "transferred"), (4, "cancelled"),
    ]  # fmt: skip
    for before, after in zip(chain, chain[1:], strict=False):
        assert (
            after.hash
            == hashlib.sha256(
                b"aftersales-chain-v1\n" + before.hash.encode() + b"\n" + after.payload.encode()
            ).hexdigest()
        )
    assert json.loads(chain[3].payload)["replaces"] == hashlib.sha256(b"Wrong vehicle.").hexdigest()
    assert verify_vehicle(vehicle).breaks == []


def test_it_keeps_one_chain_per_vehicle(owner, vehicle):
    from tests.servicehistory.factories import VehicleFactory

    other = VehicleFactory(vin="WBAUV71070A193749")
    store(owner, vehicle)
    store(owner, other)
    assert [link.sequence for link in links(vehicle)] == [1]
    assert [link.sequence for link in links(other)] == [1]


def test_it_never_changes_or_deletes_a_link_through_the_model(owner, vehicle):
    store(owner, vehicle)
    link = links(vehicle)[0]
    with pytest.raises(ValueError, match="never changed"):
        link.save()
    with pytest.raises(ValueError, match="never deleted"):
        link.delete()


def test_it_has_the_database_refuse_to_change_a_link(owner, vehicle):
    store(owner, vehicle)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        raw("UPDATE trust_chainlink SET payload = 'x'")


def test_it_refuses_a_second_link_at_the_same_position(owner, vehicle):
    store(owner, vehicle)
    first = links(vehicle)[0]
    with pytest.raises(IntegrityError), transaction.atomic():
        ChainLink.objects.create(
            vehicle=vehicle,
            sequence=1,
            entry_id=first.entry_id,
            kind="created",
            payload="{}",
            hash="0" * 64,
        )
