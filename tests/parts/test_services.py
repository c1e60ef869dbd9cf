"""Supersessions (chains resolved, cycles refused) and illustration uploads."""

from __future__ import annotations

from datetime import date

import pytest

from aftersales.parts.models import Part
from aftersales.parts.services import (
    illustration_image_set,
    supersession_clear,
    supersession_set,
)
from aftersales.portal.errors import RuleViolation

from .factories import SVG, make_illustration, make_part

pytestmark = pytest.mark.django_db


@pytest.fixture
def abc() -> tuple[Part, Part, Part]:
    return make_part("11000000001"), make_part("11000000002"), make_part("11000000003")


def fresh(part: Part) -> Part:
    return Part.objects.get(pk=part.pk)


def test_it_replaces_an_old_number_by_a_new_one(abc) -> None:
    a, b, _c = abc
    supersession_set(
        old_number="11 00 0 000 001", new_number="11000000002", replaced_on=date(2024, 1, 1)
    )
    assert fresh(a).replaced_by == b and fresh(a).successor == b
    assert fresh(a).replaced_on == date(2024, 1, 1)


def test_it_resolves_a_chain_when_its_end_is_replaced(abc) -> None:
    a, b, c = abc
    supersession_set(old_number=a.number, new_number=b.number)
    supersession_set(old_number=b.number, new_number=c.number)
    assert fresh(a).successor == c and fresh(b).successor == c


def test_it_resolves_a_chain_when_its_start_is_added(abc) -> None:
    a, b, c = abc
    supersession_set(old_number=b.number, new_number=c.number)
    supersession_set(old_number=a.number, new_number=b.number)
    assert fresh(a).successor == c


def test_it_refuses_a_cycle(abc) -> None:
    a, b, c = abc
    supersession_set(old_number=a.number, new_number=b.number)
    supersession_set(old_number=b.number, new_number=c.number)
    with pytest.raises(RuleViolation) as refused:
        supersession_set(old_number=c.number, new_number=a.number)
    assert refused.value.code == "EPC-0010"
    assert fresh(c).replaced_by is None


def test_it_refuses_a_part_replacing_itself(abc) -> None:
    a, *_ = abc
    with pytest.raises(RuleViolation) as refused:
        supersession_set(old_number=a.number, new_number=a.number)
    assert refused.value.code == "EPC-0011"


def test_it_refuses_an_unknown_number(abc) -> None:
    a, *_ = abc
    with pytest.raises(RuleViolation) as refused:
        supersession_set(old_number=a.number, new_number="99999999999")
    assert refused.value.code == "EPC-0011"


def test_it_moves_the_predecessors_when_a_replacement_changes(abc) -> None:
    a, b, c = abc
    supersession_set(old_number=a.number, new_number=b.number)
    supersession_set(old_number=b.number, new_number=c.number)
    d = make_part("11000000004")
    supersession_set(old_number=b.number, new_number=d.number)
    assert fresh(a).successor == d and fresh(b).successor == d


def test_it_ends_a_chain_again_when_a_supersession_is_cleared(abc) -> None:
    a, b, c = abc
    supersession_set(old_number=a.number, new_number=b.number)
    supersession_set(old_number=b.number, new_number=c.number)
    supersession_clear(number=b.number)
    assert fresh(b).successor is None and fresh(a).successor == b


def test_it_stores_a_checked_drawing_with_its_size() -> None:
    illustration = make_illustration()
    illustration_image_set(illustration=illustration, content=SVG, name="oil.svg")
    illustration.refresh_from_db()
    assert illustration.has_image and (illustration.width, illustration.height) == (400, 300)
    assert illustration.image_type == "svg"


def test_it_keeps_the_old_drawing_when_an_upload_is_refused() -> None:
    illustration = make_illustration()
    illustration_image_set(illustration=illustration, content=SVG, name="oil.svg")
    with pytest.raises(RuleViolation):
        illustration_image_set(
            illustration=illustration,
            content=SVG.replace(b"<rect", b"<script/><rect"),
            name="x.svg",
        )
    illustration.refresh_from_db()
    assert illustration.image.read().startswith(b"<?xml")
