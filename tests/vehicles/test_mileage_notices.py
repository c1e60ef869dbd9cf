"""The vehicle header's "Mileage inconsistency" notice and the readings chart."""

from __future__ import annotations

import datetime

import pytest
from django.template import Context, Template

from aftersales.vehicles.chart import mileage_chart
from aftersales.vehicles.mileage_notices import mileage_notices
from aftersales.vehicles.notices import vehicle_notices
from aftersales.vehicles.selectors import mileage_readings_of
from aftersales.vehicles.services import mileage_flag_explain, mileage_reading_record

from .factories import VehicleFactory

pytestmark = pytest.mark.django_db


def at(month: int, year: int = 2025) -> datetime.datetime:
    return datetime.datetime(year, month, 1, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture
def inconsistent():  # type: ignore[no-untyped-def]
    vehicle = VehicleFactory()
    mileage_reading_record(vehicle=vehicle, mileage=120_000, source="central_data", read_at=at(1))
    lower = mileage_reading_record(
        vehicle=vehicle, mileage=95_000, source="key_read", read_at=at(3), reference="K1"
    )
    return vehicle, lower


def test_it_names_both_readings_that_disagree(inconsistent, owner):
    vehicle, _lower = inconsistent
    [notice] = vehicle_notices(vehicle=vehicle, user=owner)
    assert notice.level == "warning"
    assert notice.text == (
        "Mileage inconsistency: 95,000 km (key read, 01-03-2025) is lower than "
        "120,000 km (central data import, 01-01-2025)."
    )


def test_it_keeps_an_explained_flag_visible_with_its_reason(inconsistent, owner, operator):
    vehicle, lower = inconsistent
    mileage_flag_explain(reading=lower, operator=operator, explanation="Cluster replaced.")
    [notice] = mileage_notices(vehicle, owner)
    assert notice.level == "info"
    assert notice.text.startswith("Mileage inconsistency: 95,000 km")
    assert notice.text.endswith("Explained: Cluster replaced.")


def test_it_shows_no_notice_for_readings_that_agree(owner):
    vehicle = VehicleFactory()
    mileage_reading_record(vehicle=vehicle, mileage=10_000, source="key_read", read_at=at(1))
    mileage_reading_record(vehicle=vehicle, mileage=20_000, source="key_read", read_at=at(2))
    assert mileage_notices(vehicle, owner) == []


def test_it_plots_each_reading_and_joins_those_that_count(inconsistent):
    vehicle, _lower = inconsistent
    chart = mileage_chart(mileage_readings_of(vehicle=vehicle))
    assert chart is not None
    assert [p.state for p in chart.points] == ["ok", "flagged"]
    first, second = chart.points
    assert first.x < second.x and first.y < second.y  # later, and lower on the page's y axis
    assert chart.line == f"{first.x},{first.y} {second.x},{second.y}"
    assert chart.y_ticks[0].label == "0"


def test_it_draws_the_chart_as_svg_in_the_page(inconsistent):
    vehicle, _lower = inconsistent
    html = Template("{% load vehicles_tags %}{% mileage_readings vehicle %}").render(
        Context({"vehicle": vehicle})
    )
    assert '<svg viewBox="0 0 720 260"' in html
    assert html.count("<circle") == 2 and 'class="reading-flagged"' in html
    assert "lower than 120,000 km read on 01-01-2025" in html


def test_it_says_so_when_there_is_no_reading():
    html = Template("{% load vehicles_tags %}{% mileage_readings vehicle %}").render(
        Context({"vehicle": VehicleFactory()})
    )
    assert "No mileage readings yet." in html and "<svg" not in html
