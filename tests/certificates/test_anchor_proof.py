"""The verify page and the public API prove the certificate's chain head against the first
anchor published after issue (a Merkle inclusion proof anyone can check)."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse

from aftersales import clock
from aftersales.certificates.services import certificate_issue
from aftersales.trust.services import anchor_publish, anchor_record
from tests.api.conftest import ApiClient
from tests.servicehistory.factories import VehicleFactory
from tests.trust.helpers import store
from tests.vehicles.factories import vin_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(owner, vehicle):  # type: ignore[no-untyped-def]
    for serial in (11, 12, 13):  # other chains in the tree
        store(owner, VehicleFactory(vin=vin_for(serial)))
    store(owner, vehicle)
    return certificate_issue(actor=owner, vehicle=vehicle, include_comments=False)


def publish(operator, days: int = 1):  # type: ignore[no-untyped-def]
    anchor = anchor_record(day=clock.today() + timedelta(days=days))
    anchor_publish(anchor=anchor, operator=operator)
    return anchor


def fold(leaf: str, index: int, size: int, path: list[str]) -> str:
    """RFC 9162, 2.1.3.2, written again here, as a buyer would, without the portal's code."""
    node = hashlib.sha256(b"\x00" + leaf.encode()).digest()
    fn, sn = index, size - 1
    for item in path:
        sibling = bytes.fromhex(item)
        if fn % 2 == 1 or fn == sn:
            node = hashlib.sha256(b"\x01" + sibling + node).digest()
            while fn % 2 == 0 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            node = hashlib.sha256(b"\x01" + node + sibling).digest()
        fn, sn = fn >> 1, sn >> 1
    return node.hex()


def test_the_public_result_proves_the_head_against_the_published_root(
    certificate, operator
) -> None:  # type: ignore[no-untyped-def]
    anchor = publish(operator)
    proof = ApiClient(None).get(f"/api/v1/verify/{certificate.code}").json()["anchor"]
    assert proof["root"] == anchor.root and proof["size"] == 4
    assert proof["head"] == certificate.head_hash
    assert fold(proof["leaf"], proof["index"], proof["size"], proof["path"]) == anchor.root


def test_the_verify_page_shows_the_proof_with_the_published_day(certificate, operator) -> None:  # type: ignore[no-untyped-def]
    anchor = publish(operator)
    html = Client().get(reverse("certificates:verify", args=[certificate.code])).content.decode()
    assert 'data-testid="anchor-proof"' in html and anchor.root in html
    assert f"published for {anchor.day.isoformat()}" in html
    assert "The proof gives the published root." in html


def test_it_says_the_proof_follows_while_no_anchor_is_published(certificate, operator) -> None:  # type: ignore[no-untyped-def]
    anchor_record(day=clock.today() + timedelta(days=1))  # recorded, not published
    html = Client().get(reverse("certificates:verify", args=[certificate.code])).content.decode()
    assert 'data-testid="anchor-proof-pending"' in html
    assert ApiClient(None).get(f"/api/v1/verify/{certificate.code}").json()["anchor"] is None


def test_it_proves_a_later_head_when_entries_followed_before_the_anchor(
    certificate, owner, operator, vehicle
) -> None:  # type: ignore[no-untyped-def]
    store(owner, vehicle, km="131000")
    anchor = publish(operator)
    proof = ApiClient(None).get(f"/api/v1/verify/{certificate.code}").json()["anchor"]
    assert proof["head_sequence"] == certificate.head_sequence + 1
    assert fold(proof["leaf"], proof["index"], proof["size"], proof["path"]) == anchor.root


def test_the_proof_names_no_other_vehicle(certificate, operator) -> None:  # type: ignore[no-untyped-def]
    publish(operator)
    html = Client().get(reverse("certificates:verify", args=[certificate.code])).content.decode()
    assert all(vin_for(serial) not in html for serial in (11, 12, 13))
