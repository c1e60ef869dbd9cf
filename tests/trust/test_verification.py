"""verify_chains finds every row changed behind the application's back, and records the run."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from aftersales.servicehistory.services import service_entry_cancel
from aftersales.trust.models import ChainLink, VerificationRun
from aftersales.trust.services import verification_run
from tests.servicehistory.factories import ServiceEntryFactory

from .helpers import raw, store, triggers_off

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(owner, vehicle):  # type: ignore[no-untyped-def]
    first = store(owner, vehicle, km="130000")
    second = store(owner, vehicle, km="131000", comment="Brakes squeak.")
    return first, second


def only_break(run: VerificationRun) -> dict:  # type: ignore[type-arg]
    assert run.broken == 1, run.breaks
    return run.breaks[0]


def test_it_finds_nothing_wrong_with_untouched_chains(history):
    run = verification_run()
    assert run.ok and (run.vehicles, run.links, run.entries) == (1, 2, 2)


def test_it_finds_a_link_whose_content_was_changed(history, vehicle):
    with triggers_off("trust_chainlink"):
        raw(
            "UPDATE trust_chainlink SET payload = REPLACE(payload, '131000', '121000') "
            "WHERE sequence = 2"
        )
    found = only_break(verification_run(records=False))
    assert found["vin"] == vehicle.vin and found["sequence"] == 2
    assert found["entry"] == history[1].number
    assert "hash does not match" in found["reason"]


def test_it_finds_a_link_rehashed_after_its_content_changed(history, vehicle):
    # Rewriting link 1 consistently (new hash) still breaks link 2, which sealed the old hash.
    with triggers_off("trust_chainlink"):
        raw("UPDATE trust_chainlink SET hash = %s WHERE sequence = 1", ["f" * 64])
    found = only_break(verification_run(records=False))
    assert found["sequence"] == 1


def test_it_finds_a_removed_link(history, vehicle):
    with triggers_off("trust_chainlink"):
        raw("DELETE FROM trust_chainlink WHERE sequence = 1")
    found = only_break(verification_run(records=False))
    assert found["sequence"] == 2 and "missing" in found["reason"]


def test_it_finds_an_entry_whose_mileage_was_changed(history, vehicle):
    raw("UPDATE servicehistory_serviceentry SET mileage_km = 99000 WHERE id = %s", [history[0].pk])
    found = only_break(verification_run())
    assert found["sequence"] == 1 and found["entry"] == history[0].number
    assert "no longer says what was hashed" in found["reason"]


def test_it_finds_a_comment_changed_in_place(history):
    raw("UPDATE servicehistory_serviceentry SET comment = 'Fine.' WHERE id = %s", [history[1].pk])
    assert only_break(verification_run())["sequence"] == 2


def test_it_finds_a_cancellation_undone(history, owner):
    service_entry_cancel(actor=owner, entry=history[1], reason="Typo.", ip_address=None)
    raw(
        "UPDATE servicehistory_serviceentry SET cancelled_at = NULL, cancelled_by_id = NULL, "
        "cancellation_reason = '' WHERE id = %s",
        [history[1].pk],
    )
    found = only_break(verification_run())
    assert found["sequence"] == 3  # the cancellation's link no longer matches its entry


def test_it_finds_an_entry_slipped_in_without_a_link(history, vehicle, owner):
    slipped = ServiceEntryFactory(
        vehicle=vehicle, organisation=owner.organisation, created_by=owner
    )
    found = only_break(verification_run())
    assert found["sequence"] is None and found["entry"] == slipped.number
    assert "not in the chain" in found["reason"]


def test_it_reports_only_the_first_bad_link_of_a_chain(history):
    with triggers_off("trust_chainlink"):
        raw("UPDATE trust_chainlink SET payload = payload || ' '")
    assert only_break(verification_run(records=False))["sequence"] == 1


def test_the_command_prints_each_break_and_fails(history, vehicle):
    raw("UPDATE servicehistory_serviceentry SET mileage_km = 1 WHERE id = %s", [history[0].pk])
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("verify_chains", "--no-progress", stdout=out, stderr=err)
    assert caught.value.returncode == 1
    assert f"broken: {vehicle.vin} link 1 ({history[0].number})" in err.getvalue()
    assert "1 broken" in out.getvalue()
    assert VerificationRun.objects.get().broken == 1


def test_the_command_says_ok_and_records_the_run(history):
    out = io.StringIO()
    call_command("verify_chains", "--no-progress", stdout=out)
    assert "1 chains, 2 links, 2 entry versions" in out.getvalue() and "OK" in out.getvalue()
    assert VerificationRun.objects.get().ok
    assert ChainLink.objects.count() == 2
