"""manage.py chain_history chains entries stored before the chain existed, in order."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from aftersales.trust.models import ChainLink
from aftersales.trust.services import verification_run
from tests.servicehistory.factories import ServiceEntryFactory

from .helpers import store

pytestmark = pytest.mark.django_db


def moment(day: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(2024, 3, day, 9, 0))


@pytest.fixture
def old_history(owner, vehicle):  # type: ignore[no-untyped-def]
    """Entries written straight into the tables, as an imported history is."""
    common = {"vehicle": vehicle, "organisation": owner.organisation, "created_by": owner}
    later = ServiceEntryFactory(created_at=moment(20), consent_given_at=moment(20), **common)
    earlier = ServiceEntryFactory(
        created_at=moment(2),
        consent_given_at=moment(2),
        cancelled_at=moment(5),
        cancelled_by=owner,
        cancellation_reason="Duplicate.",
        **common,
    )
    return earlier, later


def test_it_chains_the_changes_in_the_order_they_happened(old_history, vehicle):
    earlier, later = old_history
    out = io.StringIO()
    call_command("chain_history", "--no-progress", stdout=out)
    assert "3 links written for 1 vehicles" in out.getvalue()
    chain = list(ChainLink.objects.filter(vehicle=vehicle).order_by("sequence"))
    assert [(link.entry_id, link.kind) for link in chain] == [
        (earlier.pk, "created"),
        (earlier.pk, "cancelled"),
        (later.pk, "created"),
    ]
    assert verification_run().ok


def test_it_writes_nothing_the_second_time(old_history):
    call_command("chain_history", "--no-progress", stdout=io.StringIO())
    out = io.StringIO()
    call_command("chain_history", "--no-progress", stdout=out)
    assert out.getvalue().startswith("0 links written")


def test_it_chains_old_entries_after_the_links_a_vehicle_already_has(old_history, owner, vehicle):
    new = store(owner, vehicle, km="140000")
    call_command("chain_history", "--no-progress", stdout=io.StringIO())
    chain = list(ChainLink.objects.filter(vehicle=vehicle).order_by("sequence"))
    assert chain[0].entry_id == new.pk and len(chain) == 4
    assert verification_run().ok
