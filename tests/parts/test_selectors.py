"""The catalogue as one vehicle sees it: the tree, an illustration's rows, prices, search."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from aftersales import clock
from aftersales.parts.selectors import (
    illustration_for_vehicle,
    main_group_for_vehicle,
    part_get,
    part_search,
    prices_in_force,
    subgroup_for_vehicle,
    supersession_family,
    vehicle_tree,
)
from aftersales.portal.errors import RuleViolation
from aftersales.vehicles.models import VehicleOption

from .factories import make_illustration, make_part, make_price, make_row

pytestmark = pytest.mark.django_db
TODAY = date(2026, 3, 1)


def numbers_of(view) -> list[str]:  # type: ignore[no-untyped-def]
    return [row.part.number for row in view.rows]


def test_it_shows_the_groups_with_parts_for_the_vehicle(vehicle, parts) -> None:
    other = make_illustration("34_0150", main="34", subgroup="34 11")
    make_row(other, "1", make_part("34116785669"), series="E90")
    tree = vehicle_tree(vehicle=vehicle)
    assert [entry.main_group.number for entry in tree] == ["11"]
    assert [sg.number for sg in tree[0].subgroups] == ["11 42"]


def test_it_hides_a_group_whose_rows_need_an_option_the_vehicle_lacks(vehicle, parts) -> None:
    gearbox = make_illustration("23_0010", main="23", subgroup="23 00")
    make_row(gearbox, "1", make_part("83222339219"), options="-S205A")
    assert "23" not in [entry.main_group.number for entry in vehicle_tree(vehicle=vehicle)]


def test_it_lists_only_the_rows_valid_for_the_vehicle(vehicle, parts) -> None:
    view = illustration_for_vehicle(
        vehicle=vehicle, illustration_id=parts["illustration"].pk, organisation=None, today=TODAY
    )
    assert numbers_of(view) == ["11427541827", "11427525334", "24117571217"]


def test_it_follows_the_options_of_the_vehicle(vehicle, parts) -> None:
    VehicleOption.objects.filter(vehicle=vehicle).delete()
    view = illustration_for_vehicle(
        vehicle=vehicle, illustration_id=parts["illustration"].pk, organisation=None, today=TODAY
    )
    assert "83222339219" in numbers_of(view) and "24117571217" not in numbers_of(view)


def test_it_limits_rows_by_production_date(vehicle, parts) -> None:
    illustration = parts["illustration"]
    make_row(illustration, "4", make_part("34356762252"), produced_until=date(2008, 8, 31))
    make_row(illustration, "4", make_part("34356789439"), produced_from=date(2008, 9, 1))
    view = illustration_for_vehicle(
        vehicle=vehicle, illustration_id=illustration.pk, organisation=None, today=TODAY
    )
    assert "34356789439" in numbers_of(view) and "34356762252" not in numbers_of(view)


def test_it_shows_a_superseded_part_with_its_current_successor(vehicle, parts) -> None:
    view = illustration_for_vehicle(
        vehicle=vehicle, illustration_id=parts["illustration"].pk, organisation=None, today=TODAY
    )
    first = view.rows[0]
    assert first.successor == parts["current"] and first.orderable == parts["current"]


def test_it_refuses_an_illustration_without_rows_for_the_vehicle(vehicle, parts) -> None:
    other = make_illustration("34_0150", main="34", subgroup="34 11")
    make_row(other, "1", make_part("34116785669"), series="E90")
    with pytest.raises(RuleViolation) as refused:
        illustration_for_vehicle(
            vehicle=vehicle, illustration_id=other.pk, organisation=None, today=TODAY
        )
    assert refused.value.code == "EPC-0002"


def test_it_refuses_a_subgroup_without_rows_for_the_vehicle(vehicle, parts) -> None:
    other = make_illustration("34_0150", main="34", subgroup="34 11")
    make_row(other, "1", make_part("34116785669"), series="E90")
    with pytest.raises(RuleViolation):
        subgroup_for_vehicle(vehicle=vehicle, subgroup_id=other.subgroup_id)


def test_it_gives_a_main_group_with_its_illustrations_and_rows(vehicle, parts) -> None:
    group, subgroups = main_group_for_vehicle(
        vehicle=vehicle,
        main_group_id=parts["illustration"].subgroup.main_group_id,
        organisation=None,
        today=TODAY,
    )
    [(subgroup, views)] = subgroups
    assert group.number == "11" and subgroup.number == "11 42"
    assert numbers_of(views[0]) == ["11427541827", "11427525334", "24117571217"]


def test_it_prices_the_successor_with_the_vat_of_the_workshop(vehicle, parts, owner) -> None:
    view = illustration_for_vehicle(
        vehicle=vehicle,
        illustration_id=parts["illustration"].pk,
        organisation=owner.organisation,
        today=TODAY,
    )
    assert view.rows[0].net_price == Decimal("15.10")
    assert view.rows[0].gross_price == Decimal("18.875")  # 25 % Danish VAT, rounded on the line


def test_it_takes_the_latest_price_in_force(parts) -> None:
    ring = parts["ring"]
    make_price(ring, "2.40", valid_from=TODAY - timedelta(days=1))
    make_price(ring, "9.99", valid_from=TODAY + timedelta(days=1))
    assert prices_in_force(part_ids=[ring.pk], organisation=None, today=TODAY) == {
        ring.pk: Decimal("2.40")
    }


def test_it_prefers_the_price_list_of_the_workshops_country(parts, owner) -> None:
    ring = parts["ring"]
    make_price(ring, "1.80", code="EPC-DK", country="DK")
    prices = prices_in_force(part_ids=[ring.pk], organisation=owner.organisation, today=TODAY)
    assert prices[ring.pk] == Decimal("1.80")


def test_it_finds_a_part_by_number_with_spaces(vehicle, parts) -> None:
    result = part_search(vehicle=vehicle, query="11 42 7 525 334", organisation=None, today=TODAY)
    assert result.by_number and [hit.part.number for hit in result.hits] == ["11427525334"]
    assert result.hits[0].usages[0].position == "2"


def test_it_finds_an_old_number_and_shows_its_successor(vehicle, parts) -> None:
    result = part_search(vehicle=vehicle, query="11427508969", organisation=None, today=TODAY)
    [hit] = result.hits
    assert hit.part == parts["old"] and hit.orderable == parts["current"]


def test_it_finds_parts_by_words_among_those_of_the_vehicle(vehicle, parts) -> None:
    result = part_search(vehicle=vehicle, query="oil FILTER", organisation=None, today=TODAY)
    assert [hit.part.number for hit in result.hits] == ["11427541827"]  # not the diesel one


def test_it_finds_words_in_danish_too(vehicle, parts) -> None:
    parts["middle"].description_da = "Oliefilterindsats"
    parts["middle"].save()
    result = part_search(vehicle=vehicle, query="oliefilter", organisation=None, today=TODAY)
    assert [hit.part.number for hit in result.hits] == ["11427541827"]


def test_it_refuses_a_search_of_one_letter(vehicle, parts) -> None:
    with pytest.raises(RuleViolation) as refused:
        part_search(vehicle=vehicle, query="x", organisation=None, today=TODAY)
    assert refused.value.code == "EPC-0004"


def test_it_gets_a_part_whatever_its_spaces(parts) -> None:
    assert part_get(number="11 42 7 953 129") == parts["current"]


def test_it_refuses_an_unknown_part_number(parts) -> None:
    with pytest.raises(RuleViolation) as refused:
        part_get(number="99999999999")
    assert refused.value.code == "EPC-0001"


def test_it_resolves_the_whole_chain_of_a_part(parts) -> None:
    family = supersession_family(part=parts["old"])
    assert family.chain == [parts["old"], parts["middle"], parts["current"]]


def test_it_lists_the_numbers_a_part_replaces(parts) -> None:
    family = supersession_family(part=parts["current"])
    assert family.chain == [parts["current"]]
    assert family.replaces == [parts["old"], parts["middle"]]


def test_it_uses_the_project_clock_for_prices(parts, owner) -> None:
    prices = prices_in_force(
        part_ids=[parts["ring"].pk], organisation=owner.organisation, today=clock.today()
    )
    assert prices[parts["ring"].pk] == Decimal("2.00")
