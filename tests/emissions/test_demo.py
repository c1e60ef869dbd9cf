"""The demo: nominal values for the demo engines (petrol and diesel), legal limits, intervals;
loading it twice changes nothing."""

from __future__ import annotations

import pytest

from aftersales.emissions import demo
from aftersales.emissions.models import DueInterval, LegalLimit, NominalValues

pytestmark = pytest.mark.django_db


def test_it_loads_nominal_values_for_petrol_and_diesel_engines() -> None:
    demo.load()
    engines = dict(NominalValues.objects.filter(variant="||||").values_list("engine_type", "fuel"))
    assert {engines[e] for e in ("N54", "B48")} == {"petrol"}
    assert {engines[e] for e in ("B47", "B57")} == {"diesel"}


def test_it_loads_the_legal_limits_and_the_intervals() -> None:
    demo.load()
    assert LegalLimit.objects.filter(fuel="diesel").count() == 2
    assert DueInterval.objects.get(country="DK").months == 24


def test_it_changes_nothing_when_loaded_again() -> None:
    demo.load()
    before = list(NominalValues.objects.values_list("pk", "updated_at"))
    assert "0 nominal values created, 0 updated" in demo.load()
    assert list(NominalValues.objects.values_list("pk", "updated_at")) == before
