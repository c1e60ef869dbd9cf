"""Daily anchors: recorded once a day, published by the operator, checked by every run."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from aftersales.portal.errors import RuleViolation
from aftersales.trust import merkle
from aftersales.trust.models import ChainLink
from aftersales.trust.services import anchor_publish, anchor_record, verification_run

from .helpers import raw, store, triggers_off

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 11, 20)


def test_it_records_the_merkle_root_of_every_chains_head(owner, vehicle):
    store(owner, vehicle)
    head = ChainLink.objects.get()
    anchor = anchor_record(day=DAY)
    assert anchor.root == merkle.root([merkle.leaf_hash(vehicle.vin, head.hash)])
    assert (anchor.vehicles, anchor.links, anchor.up_to_link_id) == (1, 1, head.pk)


def test_it_records_one_anchor_a_day(owner, vehicle):
    first = anchor_record(day=DAY)
    store(owner, vehicle)
    assert anchor_record(day=DAY) == first


def test_the_command_prints_the_days_root(owner, vehicle):
    store(owner, vehicle)
    out = io.StringIO()
    call_command("anchor_chains", "--day", "2026-11-20", stdout=out)
    assert out.getvalue().startswith("2026-11-20: ") and "(1 chains, 1 links)" in out.getvalue()


def test_it_keeps_the_anchor_valid_as_the_chains_grow(owner, vehicle):
    store(owner, vehicle)
    anchor = anchor_record(day=DAY)
    store(owner, vehicle, km="131000")
    run = verification_run()
    assert run.ok and run.anchors == 1
    assert anchor.root != merkle.root(
        [merkle.leaf_hash(vehicle.vin, ChainLink.objects.order_by("-sequence")[0].hash)]
    )


def test_it_shows_a_rewrite_after_publication_even_when_rehashed(owner, vehicle, operator):
    store(owner, vehicle)
    anchor = anchor_record(day=DAY)
    anchor_publish(anchor=anchor, operator=operator)
    # Someone with database access rewrites the only link and hashes it again consistently.
    link = ChainLink.objects.get()
    forged = link.payload.replace("130000", "100000")
    from aftersales.trust.canonical import GENESIS, link_hash

    with triggers_off("trust_chainlink"):
        raw(
            "UPDATE trust_chainlink SET payload = %s, hash = %s WHERE id = %s",
            [forged, link_hash(GENESIS, forged), link.pk],
        )
    run = verification_run(records=False)
    assert [item.get("anchor") for item in run.breaks] == ["2026-11-20"]


def test_it_refuses_to_publish_an_anchor_that_no_longer_verifies(owner, vehicle, operator):
    store(owner, vehicle)
    anchor = anchor_record(day=DAY)
    with triggers_off("trust_chainlink"):
        raw("UPDATE trust_chainlink SET hash = %s", ["e" * 64])
    with pytest.raises(RuleViolation) as caught:
        anchor_publish(anchor=anchor, operator=operator)
    assert caught.value.code == "TRUST-0001"


def test_the_public_page_lists_published_anchors_only(owner, vehicle, operator):
    store(owner, vehicle)
    published = anchor_record(day=DAY)
    anchor_publish(anchor=published, operator=operator)
    store(owner, vehicle, km="131000")
    unpublished = anchor_record(day=DAY + datetime.timedelta(days=1))
    html = Client().get(reverse("trust:anchors")).content.decode()
    assert published.root in html and unpublished.root not in html
