"""Publishing, withdrawing, the campaign's order lines, and done / reopened with the entry."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from aftersales import clock
from aftersales.campaigns.models import Campaign, CampaignCompletion
from aftersales.campaigns.services import campaign_publish, campaign_withdraw
from aftersales.orders.drafts import OrderDraft
from aftersales.orders.selectors import order_build
from aftersales.portal.errors import RuleViolation
from aftersales.servicehistory.models import ServiceEntry
from aftersales.servicehistory.services import service_entry_cancel, service_entry_correct
from tests.servicehistory.factories import entry_create

from .factories import make_campaign

pytestmark = pytest.mark.django_db

PARTS = [("13 51 7 613 933", "High-pressure fuel pump", "1", "612.40")]


def carry_out(actor, vehicle, *numbers: str, positions=(), mileage="130000"):  # type: ignore[no-untyped-def]
    return entry_create(
        actor=actor,
        vehicle=vehicle,
        mileage=mileage,
        maintenance_date=clock.today().isoformat(),
        position_codes=list(positions),
        items=[{"kind": "CAMP", "number": number} for number in numbers],
    )


# --- publish / withdraw ------------------------------------------------------------------------


def test_it_publishes_a_draft_with_affected_vehicles(db) -> None:
    campaign = make_campaign(state=Campaign.State.DRAFT)
    published = campaign_publish(campaign=campaign)
    assert published.state == Campaign.State.PUBLISHED and published.published_at is not None


def test_it_refuses_to_publish_a_campaign_that_affects_no_vehicle(db) -> None:
    campaign = make_campaign(state=Campaign.State.DRAFT, rules=[])
    with pytest.raises(RuleViolation) as error:
        campaign_publish(campaign=campaign)
    assert error.value.code == "TC-0010" and "affects no vehicle" in error.value.message
    campaign.refresh_from_db()
    assert campaign.state == Campaign.State.DRAFT


def test_it_refuses_to_publish_a_published_campaign_again(db) -> None:
    with pytest.raises(RuleViolation) as error:
        campaign_publish(campaign=make_campaign())
    assert error.value.code == "TC-0010"


def test_it_withdraws_a_published_campaign(db) -> None:
    withdrawn = campaign_withdraw(campaign=make_campaign())
    assert withdrawn.state == Campaign.State.WITHDRAWN and withdrawn.withdrawn_at is not None


def test_it_refuses_to_withdraw_a_draft(db) -> None:
    with pytest.raises(RuleViolation) as error:
        campaign_withdraw(campaign=make_campaign(state=Campaign.State.DRAFT))
    assert error.value.code == "TC-0011"


# --- order lines ---------------------------------------------------------------------------------


def test_it_puts_the_labour_and_parts_lines_of_a_campaign_on_the_order(owner, vehicle) -> None:
    make_campaign(parts=PARTS)
    order = order_build(
        organisation=owner.organisation,
        vehicle=vehicle,
        draft=OrderDraft(items=[{"kind": "CAMP", "number": "0013250800"}]),
    )
    labour, part = order.lines
    assert (labour.kind, labour.number, labour.quantity, labour.unit) == (
        "CAMP",
        "13 51 010",
        Decimal(14),
        "FRU",
    )
    assert labour.description == "Campaign 0013250800: High-pressure fuel pump"
    assert labour.service_status == "Open" and labour.reference == "0013250800"
    # 780.00 EUR an hour / 12 × 1.25 (Danish VAT) = 81.25 a FRU; 14 FRU = 1,137.50
    assert labour.gross_amount == Decimal("1137.50")
    assert (part.number, part.unit, part.reference) == ("13 51 7 613 933", "pcs", "0013250800")
    assert part.gross_amount == Decimal("765.50")  # 612.40 net + 25 % VAT
    assert order.total_gross == Decimal("1903.00")


def test_it_shows_an_already_done_campaign_on_the_order_in_red(owner, outsider, vehicle) -> None:
    make_campaign()
    carry_out(outsider, vehicle, "0013250800")
    order = order_build(
        organisation=owner.organisation,
        vehicle=vehicle,
        draft=OrderDraft(items=[{"kind": "CAMP", "number": "0013250800"}]),
    )
    (line,) = order.lines
    assert line.status_level == "red"
    assert (
        line.service_status.startswith("Already done on")
        and "Andet Værksted" in line.service_status
    )


def test_it_uses_the_danish_title_and_part_names_for_a_danish_order(owner, vehicle) -> None:
    from django.utils import translation

    make_campaign(parts=PARTS)
    with translation.override("da"):
        order = order_build(
            organisation=owner.organisation,
            vehicle=vehicle,
            draft=OrderDraft(items=[{"kind": "CAMP", "number": "0013250800"}]),
        )
    assert "Højtrykspumpe" in order.lines[0].description


# --- done with the entry ------------------------------------------------------------------------


def test_it_marks_the_campaign_done_when_the_entry_is_stored(owner, vehicle) -> None:
    make_campaign(parts=PARTS)
    entry = carry_out(owner, vehicle, "0013250800")
    completion = CampaignCompletion.objects.get()
    assert (completion.entry, completion.vehicle, completion.organisation) == (
        entry,
        vehicle,
        owner.organisation,
    )
    assert completion.done_on == entry.maintenance_date
    assert [(line.kind, line.number) for line in entry.lines.all()] == [
        ("CAMP", "13 51 010"),
        ("CAMP", "13 51 7 613 933"),
    ]


def test_it_stores_campaign_work_with_cbs_positions_in_one_entry(owner, vehicle) -> None:
    make_campaign()
    entry = carry_out(owner, vehicle, "0013250800", positions=["engine_oil"])
    assert {line.kind for line in entry.lines.all()} == {"SRP", "CAMP"}
    assert CampaignCompletion.objects.filter(entry=entry).count() == 1


def test_it_still_asks_for_a_position_when_the_order_has_nothing_else(owner, vehicle) -> None:
    with pytest.raises(RuleViolation) as error:
        carry_out(owner, vehicle)
    assert error.value.code == "SH-0020"


def test_it_refuses_a_campaign_done_already_and_stores_nothing(owner, outsider, vehicle) -> None:
    make_campaign()
    carry_out(outsider, vehicle, "0013250800")
    with pytest.raises(RuleViolation) as error:
        carry_out(owner, vehicle, "0013250800", mileage="130500")
    assert error.value.code == "TC-0002" and error.value.status == 409
    assert "Andet Værksted ApS" in error.value.message
    assert ServiceEntry.objects.count() == 1


def test_it_refuses_a_campaign_that_does_not_affect_the_vehicle(owner, vehicle) -> None:
    make_campaign(rules=[{"series": "F10"}])
    with pytest.raises(RuleViolation) as error:
        carry_out(owner, vehicle, "0013250800")
    assert error.value.code == "TC-0003"
    assert not ServiceEntry.objects.exists()


def test_it_refuses_a_withdrawn_campaign(owner, vehicle) -> None:
    make_campaign(state=Campaign.State.WITHDRAWN)
    with pytest.raises(RuleViolation) as error:
        carry_out(owner, vehicle, "0013250800")
    assert error.value.code == "TC-0003" and "withdrawn" in error.value.message


def test_it_refuses_an_unknown_or_draft_campaign_number(owner, vehicle) -> None:
    make_campaign("0051880500", state=Campaign.State.DRAFT)
    with pytest.raises(RuleViolation) as error:
        carry_out(owner, vehicle, "0051880500")
    assert error.value.code == "SH-0080" and "CAMP 0051880500" in error.value.message
    assert not ServiceEntry.objects.exists()


def test_it_does_not_mark_a_campaign_whose_lines_were_taken_off(owner, vehicle) -> None:
    make_campaign()
    entry = entry_create(
        actor=owner,
        vehicle=vehicle,
        mileage="130000",
        maintenance_date=clock.today().isoformat(),
        position_codes=["engine_oil"],
        items=[{"kind": "CAMP", "number": "0013250800"}],
        removed_lines=["CAMP:13 51 010"],
    )
    assert not CampaignCompletion.objects.exists()
    assert {line.kind for line in entry.lines.all()} == {"SRP"}


def test_it_reopens_the_campaign_when_the_entry_is_cancelled(owner, vehicle) -> None:
    make_campaign()
    entry = carry_out(owner, vehicle, "0013250800")
    service_entry_cancel(actor=owner, entry=entry, reason="Wrong vehicle.", ip_address=None)
    completion = CampaignCompletion.objects.get()
    assert completion.reopened_at is not None and completion.reopened_by == owner
    assert carry_out(owner, vehicle, "0013250800", mileage="130100")  # open again
    assert CampaignCompletion.objects.filter(reopened_at__isnull=True).count() == 1


def test_it_keeps_the_campaign_done_through_a_correction(owner, vehicle) -> None:
    make_campaign()
    entry = carry_out(owner, vehicle, "0013250800", positions=["engine_oil"])
    correction = service_entry_correct(
        actor=owner, entry=entry, position_codes=["brake_fluid"], comment="", ip_address=None
    )
    assert ("CAMP", "13 51 010") in [(line.kind, line.number) for line in correction.lines.all()]
    assert CampaignCompletion.objects.get().reopened_at is None


def test_it_reopens_the_campaign_when_a_corrected_entry_is_cancelled(owner, vehicle) -> None:
    make_campaign()
    entry = carry_out(owner, vehicle, "0013250800", positions=["engine_oil"])
    correction = service_entry_correct(
        actor=owner, entry=entry, position_codes=["brake_fluid"], comment="", ip_address=None
    )
    service_entry_cancel(actor=owner, entry=correction, reason="Not done.", ip_address=None)
    assert CampaignCompletion.objects.get().reopened_at is not None


def test_it_accepts_a_campaign_that_started_today(owner, vehicle) -> None:
    make_campaign(start_date=clock.today(), end_date=clock.today() + datetime.timedelta(days=1))
    carry_out(owner, vehicle, "0013250800")
    assert CampaignCompletion.objects.count() == 1
