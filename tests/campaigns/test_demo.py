"""The demo's campaigns: the walkthrough's car has two open (a recall that may be driven and a
service campaign), one done at the other workshop, one ended; loading twice changes nothing."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from aftersales.campaigns.models import Campaign, CampaignCompletion
from aftersales.campaigns.selectors import State, campaigns_for_vehicle
from aftersales.servicehistory.models import ServiceEntry
from aftersales.vehicles.models import Vehicle

pytestmark = pytest.mark.django_db

WALKTHROUGH_VIN = "WBAUV71070A193748"


@pytest.fixture
def demo(db) -> None:  # type: ignore[no-untyped-def]
    call_command("load_demo_data", stdout=StringIO())


def test_it_gives_the_walkthrough_car_two_open_campaigns_and_one_done_elsewhere(demo) -> None:
    rows = campaigns_for_vehicle(vehicle=Vehicle.objects.get(vin=WALKTHROUGH_VIN))
    by_state: dict[str, list[Campaign]] = {}
    for row in rows:
        by_state.setdefault(row.state, []).append(row.campaign)
    assert sorted(c.kind for c in by_state[State.OPEN]) == ["recall", "service"]
    assert not any(c.do_not_drive for c in by_state[State.OPEN])
    (done,) = [row for row in rows if row.state == State.DONE]
    assert done.completion is not None
    assert done.completion.organisation.name == "Bilværkstedet Nord ApS"
    assert done.completion.entry.lines.filter(kind="CAMP").exists()
    assert len(by_state[State.NOT_APPLICABLE]) == 1


def test_it_has_a_handful_of_others_and_a_draft(demo) -> None:
    assert Campaign.objects.count() >= 6
    assert Campaign.objects.filter(state=Campaign.State.DRAFT).exists()
    assert Campaign.objects.filter(do_not_drive=True, state=Campaign.State.PUBLISHED).exists()


def test_it_loads_twice_without_changing_anything(demo) -> None:
    counts = (
        Campaign.objects.count(),
        CampaignCompletion.objects.count(),
        ServiceEntry.objects.count(),
    )
    call_command("load_demo_data", stdout=StringIO())
    assert counts == (
        Campaign.objects.count(),
        CampaignCompletion.objects.count(),
        ServiceEntry.objects.count(),
    )
