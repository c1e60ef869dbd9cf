"""Issuing and revoking certificates; what they say and what they never say."""

from __future__ import annotations

import json

import pytest

from aftersales.certificates.models import Certificate
from aftersales.certificates.selectors import (
    certificate_by_code,
    certificate_public,
    certificate_status,
)
from aftersales.certificates.services import CODE_LENGTH, certificate_issue, certificate_revoke
from aftersales.portal.errors import RuleViolation
from aftersales.trust.models import ChainLink
from tests.trust.helpers import raw, store

pytestmark = pytest.mark.django_db


@pytest.fixture
def stored(owner, vehicle):  # type: ignore[no-untyped-def]
    return store(owner, vehicle, comment="Customer mentioned a rattle.")


def test_it_says_what_the_record_says_at_issue(owner, vehicle, stored):
    certificate = certificate_issue(actor=owner, vehicle=vehicle, include_comments=False)
    snapshot = certificate.snapshot
    assert snapshot["vin"] == vehicle.vin
    [entry] = snapshot["entries"]
    assert (entry["number"], entry["km"], entry["workshop"]) == (
        stored.number,
        130_000,
        "Motorhjørnet ApS",
    )
    assert entry["positions"] == ["Engine oil"] and entry["transferred"] is False
    head = ChainLink.objects.get()
    assert snapshot["chain"] == {"sequence": 1, "head": head.hash, "verified": True}
    assert certificate.head_hash == head.hash


def test_it_names_no_person_and_shows_no_comment_without_consent(owner, vehicle, stored):
    certificate = certificate_issue(actor=owner, vehicle=vehicle, include_comments=False)
    text = json.dumps(certificate.snapshot, ensure_ascii=False)
    assert "rattle" not in text
    assert owner.full_name not in text and owner.email not in text


def test_it_shows_comments_when_the_owner_agreed(owner, vehicle, stored):
    certificate = certificate_issue(actor=owner, vehicle=vehicle, include_comments=True)
    assert certificate.snapshot["entries"][0]["comment"] == "Customer mentioned a rattle."


def test_it_gives_each_certificate_a_random_code_of_100_bits(owner, vehicle):
    codes = {
        certificate_issue(actor=owner, vehicle=vehicle, include_comments=False).code
        for _ in range(20)
    }
    assert len(codes) == 20
    assert all(len(code) == CODE_LENGTH for code in codes)  # 20 x 5 bits


def test_it_finds_a_certificate_by_a_code_typed_loosely(owner, vehicle):
    certificate = certificate_issue(actor=owner, vehicle=vehicle, include_comments=False)
    typed = certificate.display_code.lower().replace("0", "o").replace("1", "l")
    assert certificate_by_code(code=typed) == certificate
    assert certificate_by_code(code="not-a-code") is None


def test_it_counts_newer_entries_and_changes_without_showing_them(owner, vehicle, stored):
    from aftersales.servicehistory.services import service_entry_cancel

    certificate = certificate_issue(actor=owner, vehicle=vehicle, include_comments=False)
    store(owner, vehicle, km="131000")
    service_entry_cancel(actor=owner, entry=stored, reason="Wrong car.", ip_address=None)
    result = certificate_public(certificate_status(certificate))
    assert (result["newer_entries"], result["later_changes"]) == (1, 1)
    assert result["valid"] is True and len(result["certificate"]["entries"]) == 1


def test_it_no_longer_verifies_when_the_record_was_changed(owner, vehicle, stored):
    certificate = certificate_issue(actor=owner, vehicle=vehicle, include_comments=False)
    raw("UPDATE servicehistory_serviceentry SET mileage_km = 90000 WHERE id = %s", [stored.pk])
    status = certificate_status(certificate)
    assert not status.check.verifies and not status.valid
    assert "no longer says what was hashed" in status.check.details[0]


def test_it_is_revoked_by_the_issuing_workshop_with_a_reason(owner, vehicle):
    certificate = certificate_issue(actor=owner, vehicle=vehicle, include_comments=False)
    revoked = certificate_revoke(actor=owner, certificate=certificate, reason="Wrong vehicle.")
    assert revoked.is_revoked and revoked.revocation_reason == "Wrong vehicle."
    assert not certificate_status(revoked).valid


def test_it_refuses_a_revocation_without_reason_or_twice(owner, vehicle):
    certificate = certificate_issue(actor=owner, vehicle=vehicle, include_comments=False)
    with pytest.raises(RuleViolation) as caught:
        certificate_revoke(actor=owner, certificate=certificate, reason=" ")
    assert caught.value.code == "CERT-0003"
    certificate_revoke(actor=owner, certificate=certificate, reason="Mistake.")
    with pytest.raises(RuleViolation) as caught:
        certificate_revoke(actor=owner, certificate=certificate, reason="Again.")
    assert caught.value.code == "CERT-0002"


def test_it_never_lets_another_workshop_revoke(owner, outsider, vehicle):
    certificate = certificate_issue(actor=owner, vehicle=vehicle, include_comments=False)
    with pytest.raises(RuleViolation) as caught:
        certificate_revoke(actor=outsider, certificate=certificate, reason="Not mine.")
    assert caught.value.code == "CERT-0001"
    assert not Certificate.objects.get().is_revoked


def test_it_never_changes_what_a_certificate_says(owner, vehicle):
    certificate = certificate_issue(actor=owner, vehicle=vehicle, include_comments=False)
    certificate.snapshot = {}
    with pytest.raises(ValueError, match="never changed"):
        certificate.save()
