"""The rules of a document's data, its links and the numbers a search or a text names."""

from __future__ import annotations

import datetime

import pytest

from aftersales.documents import rules
from aftersales.portal.errors import RuleViolation


@pytest.mark.parametrize(
    "raw", ["11 42 7 953 129", "11427953129", "11.42-7953129", " 11 42 7953129 "]
)
def test_it_compares_numbers_without_spaces_dots_and_dashes(raw: str) -> None:
    assert rules.key_of(raw) == "11427953129"


def test_it_reads_typed_numbers_and_codes_out_of_a_search() -> None:
    parsed = rules.query_parse("oil filter 11 42 7 953 129 p0420 11 00 050")
    assert parsed.words == "oil filter"
    assert parsed.keys == ["11427953129", "1100050", "P0420"]


def test_it_reads_a_campaign_number() -> None:
    assert rules.query_parse("0013250800").keys == ["0013250800"]


def test_it_leaves_plain_words_alone() -> None:
    parsed = rules.query_parse("  oil   filter  ")
    assert (parsed.words, parsed.keys) == ("oil filter", [])


def test_it_refuses_a_search_over_200_characters() -> None:
    with pytest.raises(RuleViolation) as raised:
        rules.query_parse("oil " * 60)
    assert raised.value.code == "IR-0002" and raised.value.field == "search"


def test_it_finds_the_numbers_a_text_names_as_printed() -> None:
    text = (
        "Fit the element 11 42 7 953 129. Labour operation 11 00 050. Read P0420 and p0171. "
        "See RA 11 42 050 and torque 25.5 Nm, phone 11 22 334 55."
    )
    found = {(link.kind, link.key) for link in rules.links_in_text(text)}
    assert found == {
        ("part", "11427953129"),
        ("labour_operation", "1100050"),
        ("fault_code", "P0420"),
    }


def test_it_makes_a_validity_row_per_series_and_engine() -> None:
    rows = rules.validity_rows(series=["E90", "E91"], engines=["N54"])
    assert [(row.series, row.engine_type) for row in rows] == [("E90", "N54"), ("E91", "N54")]


def test_it_gives_no_validity_rows_for_every_vehicle() -> None:
    assert rules.validity_rows() == []


def test_it_refuses_a_production_period_that_ends_before_it_starts() -> None:
    with pytest.raises(RuleViolation) as raised:
        rules.validity_rows(
            produced_from=datetime.date(2010, 1, 1), produced_to=datetime.date(2009, 1, 1)
        )
    assert raised.value.code == "IR-0010" and raised.value.field == "produced_to"


def test_it_refuses_too_many_validity_rows() -> None:
    with pytest.raises(RuleViolation) as raised:
        rules.validity_rows(
            series=[f"S{n}" for n in range(20)], engines=[f"E{n}" for n in range(20)]
        )
    assert "400 validity rows" in raised.value.message


@pytest.mark.parametrize("raw", ["", "x", "RA <b>1</b>", "A" * 31])
def test_it_refuses_a_malformed_document_number(raw: str) -> None:
    with pytest.raises(RuleViolation) as raised:
        rules.number_clean(raw)
    assert raised.value.field == "number"


def test_it_tidies_a_document_number() -> None:
    assert rules.number_clean(" ra  11 42 050 ") == "RA 11 42 050"


def test_it_refuses_a_malformed_fault_code_link() -> None:
    with pytest.raises(RuleViolation) as raised:
        rules.links_clean("fault_code", "P0420|P9X01", "fault_codes")
    assert raised.value.field == "fault_codes" and "P9X01" in raised.value.message


def test_it_keeps_a_link_as_written_and_compares_it_without_spaces() -> None:
    [link] = rules.links_clean("part", "11 42 7 953 129")
    assert (link.key, link.label) == ("11427953129", "11 42 7 953 129")
