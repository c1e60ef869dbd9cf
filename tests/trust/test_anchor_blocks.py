"""An anchor keeps the roots of its blocks of leaves, so that a vehicle's inclusion proof reads
the heads of one block, not of every chain; the proof is the one over the whole tree."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from aftersales.trust import anchors, merkle
from aftersales.trust.anchors import anchor_inclusion, heads
from aftersales.trust.canonical import GENESIS, link_hash
from aftersales.trust.models import ChainAnchor, ChainLink
from aftersales.trust.services import anchor_publish, anchor_record
from tests.servicehistory.factories import VehicleFactory
from tests.vehicles.factories import vin_for

from .helpers import raw, store, triggers_off

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 11, 20)


@pytest.fixture
def fleet(owner, catalogue, monkeypatch):  # type: ignore[no-untyped-def]
    """Seven chains in blocks of two leaves: three full blocks and one of a single leaf."""
    monkeypatch.setattr(anchors, "PROOF_BLOCK", 2)
    vehicles = [VehicleFactory(vin=vin_for(serial)) for serial in range(21, 28)]
    for vehicle in vehicles:
        store(owner, vehicle)
    return vehicles


def whole_tree() -> list[bytes]:
    return [merkle.leaf_hash(vin, head) for vin, head in heads(ChainLink.objects.last().pk)]


def test_it_records_the_root_of_the_whole_tree_from_the_blocks(fleet) -> None:
    anchor = anchor_record(day=DAY)
    assert len(anchor.blocks) == 4
    assert anchor.root == merkle.root(whole_tree())


def test_it_proves_every_vehicle_as_the_whole_tree_would(fleet, operator) -> None:
    anchor_publish(anchor=anchor_record(day=DAY), operator=operator)
    tree = whole_tree()
    for vehicle in fleet:
        proof = anchor_inclusion(vehicle=vehicle, sequence=1)
        assert proof is not None and proof.verifies, vehicle.vin
        assert proof.size == 7
        assert proof.path == merkle.inclusion_proof(tree, proof.index)


def test_it_reads_the_heads_of_one_block_only(fleet, operator) -> None:
    anchor_publish(anchor=anchor_record(day=DAY), operator=operator)
    with CaptureQueriesContext(connection) as queries:
        anchor_inclusion(vehicle=fleet[3], sequence=1)
    [read] = [q["sql"] for q in queries if "MAX" in q["sql"]]
    assert "v.vin >= " in read


def test_it_proves_against_an_anchor_made_before_blocks(fleet, operator) -> None:
    made = anchor_record(day=DAY)
    older = ChainAnchor.objects.create(
        day=DAY - datetime.timedelta(days=1),
        root=made.root,
        vehicles=made.vehicles,
        links=made.links,
        up_to_link_id=made.up_to_link_id,
    )
    anchor_publish(anchor=older, operator=operator)
    proof = anchor_inclusion(vehicle=fleet[6], sequence=1)
    assert proof is not None and proof.verifies and proof.day == older.day


def test_a_head_rewritten_after_the_anchor_no_longer_verifies(fleet, operator) -> None:
    anchor_publish(anchor=anchor_record(day=DAY), operator=operator)
    link = ChainLink.objects.get(vehicle=fleet[2])
    forged = link.payload.replace("130000", "100000")
    with triggers_off("trust_chainlink"):
        raw(
            "UPDATE trust_chainlink SET payload = %s, hash = %s WHERE id = %s",
            [forged, link_hash(GENESIS, forged), link.pk],
        )
    proof = anchor_inclusion(vehicle=fleet[2], sequence=1)
    assert proof is not None and not proof.verifies
