"""Which campaigns affect a vehicle and in which state: rules, VIN lists, periods, drafts."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from aftersales import clock
from aftersales.campaigns.models import Campaign, CampaignRule
from aftersales.campaigns.selectors import (
    State,
    affected_vehicles,
    campaign_affects,
    campaign_counts,
    campaign_for_vehicle,
    campaign_get_published,
    campaigns_for_vehicle,
    open_campaigns,
    open_work,
)
from aftersales.portal.errors import RuleViolation
from tests.servicehistory.factories import entry_create

from .factories import make_campaign, other_vehicle

pytestmark = pytest.mark.django_db


def states(vehicle) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {row.campaign.number: row.state for row in campaigns_for_vehicle(vehicle=vehicle)}


def test_it_finds_a_campaign_by_the_series_rule(vehicle) -> None:
    make_campaign(rules=[{"series": "E91"}])
    assert states(vehicle) == {"0013250800": State.OPEN}


def test_it_leaves_out_a_campaign_whose_rule_does_not_match(vehicle) -> None:
    make_campaign(rules=[{"series": "E91", "engine_type": "N47"}])
    assert states(vehicle) == {}


def test_it_matches_rules_whatever_the_case_of_the_criteria(vehicle) -> None:
    make_campaign(rules=[{"series": "e91", "model": "335i", "engine_type": "n54"}])
    assert states(vehicle) == {"0013250800": State.OPEN}


def test_it_matches_the_production_period_inclusively(vehicle) -> None:
    produced = vehicle.production_date
    make_campaign("A1", rules=[{"produced_from": produced, "produced_to": produced}])
    make_campaign("A2", rules=[{"produced_from": produced + datetime.timedelta(days=1)}])
    make_campaign("A3", rules=[{"produced_to": produced - datetime.timedelta(days=1)}])
    assert states(vehicle) == {"A1": State.OPEN}


def test_it_reads_a_model_year_as_july_before_to_december(vehicle) -> None:
    # Built 22-09-2008: model year 2008 or 2009, not 2007 or 2010.
    for year in (2007, 2008, 2009, 2010):
        make_campaign(f"Y{year}", rules=[{"make": "bmw", "model": "335I", "model_year": year}])
    assert states(vehicle) == {"Y2008": State.OPEN, "Y2009": State.OPEN}


def test_it_finds_a_campaign_by_its_vin_list(vehicle) -> None:
    make_campaign(rules=[], vehicles=[vehicle])
    make_campaign("B2", rules=[], vehicles=[other_vehicle()])
    assert states(vehicle) == {"0013250800": State.OPEN}


def test_it_never_shows_a_draft(vehicle) -> None:
    make_campaign(state=Campaign.State.DRAFT)
    assert states(vehicle) == {}
    with pytest.raises(RuleViolation) as error:
        campaign_get_published(number="0013250800")
    assert error.value.code == "TC-0001" and error.value.status == 404


def test_it_shows_a_withdrawn_campaign_as_not_applicable(vehicle) -> None:
    make_campaign(state=Campaign.State.WITHDRAWN)
    (row,) = campaigns_for_vehicle(vehicle=vehicle)
    assert row.state == State.NOT_APPLICABLE and "withdrawn" in row.reason


def test_it_shows_an_ended_campaign_as_not_applicable(vehicle) -> None:
    today = clock.today()
    make_campaign(
        start_date=today - datetime.timedelta(days=90), end_date=today - datetime.timedelta(days=1)
    )
    (row,) = campaigns_for_vehicle(vehicle=vehicle)
    assert row.state == State.NOT_APPLICABLE and "ended on" in row.reason


def test_it_shows_a_campaign_that_has_not_started_as_not_applicable(vehicle) -> None:
    make_campaign(start_date=clock.today() + datetime.timedelta(days=3))
    (row,) = campaigns_for_vehicle(vehicle=vehicle)
    assert row.state == State.NOT_APPLICABLE and "starts on" in row.reason


def test_it_shows_a_done_campaign_with_when_and_where(owner, vehicle) -> None:
    make_campaign()
    entry = entry_create(
        actor=owner,
        vehicle=vehicle,
        mileage="130000",
        maintenance_date=clock.today().isoformat(),
        position_codes=[],
        items=[{"kind": "CAMP", "number": "0013250800"}],
    )
    (row,) = campaigns_for_vehicle(vehicle=vehicle)
    assert row.state == State.DONE
    assert row.completion is not None and row.completion.entry == entry
    assert row.completion.organisation.name == "Motorhjørnet ApS"


def test_it_keeps_showing_a_done_campaign_whose_rule_no_longer_matches(owner, vehicle) -> None:
    campaign = make_campaign()
    entry_create(
        actor=owner,
        vehicle=vehicle,
        mileage="130000",
        maintenance_date=clock.today().isoformat(),
        position_codes=[],
        items=[{"kind": "CAMP", "number": campaign.number}],
    )
    CampaignRule.objects.filter(campaign=campaign).update(series="F10")
    assert states(vehicle) == {campaign.number: State.DONE}


def test_it_lists_open_campaigns_first_do_not_drive_first(vehicle) -> None:
    today = clock.today()
    make_campaign("C1", start_date=today - datetime.timedelta(days=1))
    make_campaign("C2", do_not_drive=True, start_date=today - datetime.timedelta(days=100))
    make_campaign("C3", state=Campaign.State.WITHDRAWN)
    assert [row.campaign.number for row in campaigns_for_vehicle(vehicle=vehicle)] == [
        "C2",
        "C1",
        "C3",
    ]


def test_it_reads_a_vehicles_campaigns_in_three_queries(vehicle) -> None:
    for n in range(6):
        make_campaign(f"Q{n}", vehicles=[vehicle] if n % 2 else None)
    with CaptureQueriesContext(connection) as queries:
        rows = open_campaigns(vehicle=vehicle)
    assert len(rows) == 6
    assert len(queries) <= 3


def test_it_says_a_published_campaign_does_not_affect_another_vehicle(vehicle) -> None:
    campaign = make_campaign()
    row = campaign_for_vehicle(campaign=campaign, vehicle=other_vehicle())
    assert row.state == State.NOT_APPLICABLE and "does not affect" in row.reason


def test_it_counts_affected_done_and_open_vehicles(owner, vehicle) -> None:
    e90 = other_vehicle()
    campaign = make_campaign(rules=[{"series": "E91"}], vehicles=[e90, vehicle])
    entry_create(
        actor=owner,
        vehicle=vehicle,
        mileage="130000",
        maintenance_date=clock.today().isoformat(),
        position_codes=[],
        items=[{"kind": "CAMP", "number": campaign.number}],
    )
    counts = campaign_counts([campaign])[campaign.pk]
    assert (counts.affected, counts.done, counts.open) == (2, 1, 1)
    assert set(affected_vehicles(campaign).values_list("vin", flat=True)) == {vehicle.vin, e90.vin}


@pytest.mark.parametrize(
    "rule",
    [
        {"series": "E91"},
        {"series": "E90"},
        {"series": "e91", "model": "335i", "engine_type": "n54"},
        {"engine_type": "N47"},
        {"make": "bmw", "model_year": 2009},
        {"model_year": 2010},
        {"produced_from": datetime.date(2008, 9, 22)},
        {"produced_to": datetime.date(2008, 9, 21)},
    ],
)
def test_it_matches_a_rule_alike_from_the_vehicle_and_from_the_rule(vehicle, rule) -> None:
    # affecting_sql (the vehicle's campaigns) and vehicles_matching (a campaign's vehicles) are
    # the same test written twice; they must agree.
    campaign = make_campaign(rules=[rule])
    for candidate in (vehicle, other_vehicle()):
        by_rule = affected_vehicles(campaign).filter(pk=candidate.pk).exists()
        assert campaign_affects(campaign, candidate) == by_rule, (rule, candidate.series)


def test_it_finds_the_same_open_work_in_sql_as_the_state_rule(owner, vehicle) -> None:
    today = clock.today()
    make_campaign("OPEN1", do_not_drive=True)
    make_campaign("OPEN2", start_date=today - datetime.timedelta(days=3))
    make_campaign("INFO", kind=Campaign.Kind.INFORMATION)
    make_campaign("WITHDRAWN", state=Campaign.State.WITHDRAWN)
    make_campaign("DRAFT", state=Campaign.State.DRAFT)
    make_campaign("LATER", start_date=today + datetime.timedelta(days=1))
    make_campaign("ENDED", end_date=today - datetime.timedelta(days=1))
    make_campaign("OTHER", rules=[{"series": "E90"}])
    make_campaign("DONE")
    entry_create(
        actor=owner,
        vehicle=vehicle,
        mileage="130000",
        maintenance_date=today.isoformat(),
        position_codes=[],
        items=[{"kind": "CAMP", "number": "DONE"}],
    )
    by_rule = [
        (row.campaign.number, row.campaign.do_not_drive)
        for row in open_campaigns(vehicle=vehicle)
        if row.campaign.kind != Campaign.Kind.INFORMATION
    ]
    assert open_work(vehicle=vehicle) == [("OPEN2", False), ("OPEN1", True)]
    assert sorted(open_work(vehicle=vehicle)) == sorted(by_rule)
