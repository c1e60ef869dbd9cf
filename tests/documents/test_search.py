"""The search: words (stemmed, ranked, with snippets), the vehicle's valid documents, kind and
language, typed numbers and codes, paging. SQLite here (FTS5); test_search_postgres.py runs
the PostgreSQL specifics."""

from __future__ import annotations

import datetime

import pytest

from aftersales.documents import rules, services
from aftersales.documents.search import sqlite
from aftersales.documents.selectors import document_search, documents_for
from aftersales.portal.errors import RuleViolation
from aftersales.vehicles.models import VehicleOption

from .conftest import make_document, other_vehicle

pytestmark = pytest.mark.django_db


def numbers(page) -> list[str]:  # type: ignore[no-untyped-def]
    return [hit.document.number for hit in page.hits]


def test_it_finds_the_words_in_other_forms() -> None:
    make_document(body="Remove the oil filters and fit new ones.")
    make_document("RA 2", title="Spark plugs: replace", body="Unscrew the spark plugs.")
    assert numbers(document_search(query="oil filter")) == ["RA 11 42 050"]


def test_it_needs_every_word() -> None:
    make_document()
    assert document_search(query="oil gearbox").total == 0


def test_it_ranks_a_title_above_a_mention_in_the_text() -> None:
    make_document("RA 1", title="Brake fluid: change", body="Check the oil filter cover too.")
    make_document("RA 2", title="Oil filter: replace", body="Remove the cover.")
    assert numbers(document_search(query="oil filter")) == ["RA 2", "RA 1"]


def test_it_highlights_the_words_in_an_escaped_snippet() -> None:
    make_document(body="Fit the &lt;b&gt;oil&lt;/b&gt; filter &amp; cover.")
    [hit] = document_search(query="filter").hits
    assert "<mark>filter</mark>" in hit.snippet
    # SQLite shows the markup escaped, PostgreSQL's headline leaves it out: never as HTML.
    assert "<b>" not in hit.snippet and "&amp;" in hit.snippet


def test_it_shows_only_documents_valid_for_the_vehicle(vehicle) -> None:  # type: ignore[no-untyped-def]
    make_document("RA N54", series=["E90", "E91"], engines=["N54"])
    make_document("RA N47", series=["E90", "E91"], engines=["N47"])
    make_document("RA B47", engines=["B47"])
    make_document("RA ALL")
    assert sorted(numbers(document_search(query="oil filter", vehicle=vehicle))) == [
        "RA ALL",
        "RA N54",
    ]


def test_it_knows_a_vehicle_by_its_production_date(vehicle) -> None:  # type: ignore[no-untyped-def]
    make_document("RA OLD", series=["E91"], produced_to=datetime.date(2008, 3, 1))
    make_document("RA NEW", series=["E91"], produced_from=datetime.date(2008, 9, 1))
    assert numbers(document_search(vehicle=vehicle)) == ["RA NEW"]


def test_it_needs_the_option_a_document_is_valid_for(vehicle) -> None:  # type: ignore[no-untyped-def]
    make_document("RA AUTO", series=["E91"], options=["S205A"])
    assert document_search(vehicle=vehicle).total == 0
    VehicleOption.objects.create(vehicle=vehicle, code="S205A", description="Automatic")
    assert numbers(document_search(vehicle=vehicle)) == ["RA AUTO"]


def test_it_lists_every_valid_document_of_a_vehicle_without_words(vehicle) -> None:  # type: ignore[no-untyped-def]
    make_document("RA 1", kind="manual", title="B")
    make_document("RA 2", kind="repair_instruction", title="A")
    make_document("RA 3", engines=["B47"])
    assert numbers(document_search(vehicle=vehicle)) == ["RA 1", "RA 2"]


def test_it_counts_per_kind_and_filters_by_kind() -> None:
    make_document("RA 1", kind="repair_instruction")
    make_document("SI 1", kind="service_bulletin", title="Oil filter cover leaks")
    make_document("SI 2", kind="service_bulletin", title="Oil filter housing")
    page = document_search(query="oil", kind="service_bulletin")
    assert page.counts == {"repair_instruction": 1, "service_bulletin": 2}
    assert page.total == 2 and sorted(numbers(page)) == ["SI 1", "SI 2"]


def test_it_filters_by_language() -> None:
    make_document("RA EN")
    make_document("RA DA", language="da", title="Oliefilter: udskift", body="Udskift oliefilteret.")
    assert numbers(document_search(language="da")) == ["RA DA"]


def test_it_refuses_an_unknown_kind() -> None:
    with pytest.raises(RuleViolation) as raised:
        document_search(kind="brochure")
    assert raised.value.code == "IR-0002" and raised.value.field == "kind"


@pytest.mark.parametrize("typed", ["11 42 7 953 129", "11427953129", "oil 11.42.7.953.129"])
def test_it_finds_a_part_number_the_text_names(typed: str) -> None:
    make_document()
    make_document("RA 2", body="Fit the element 11 42 8 507 683.")
    assert numbers(document_search(query=typed)) == ["RA 11 42 050"]


def test_it_finds_a_fault_code_the_operator_linked() -> None:
    make_document("SI 1", links=[rules.link_clean("fault_code", "P0420")], title="Catalyst")
    make_document("SI 2", title="Other")
    page = document_search(query="p0420")
    assert numbers(page) == ["SI 1"] and page.parsed.labels == ["P0420"]


def test_it_finds_a_labour_operation() -> None:
    make_document(body="Labour operation 11 00 050.")
    assert document_search(query="1100050").total == 1


def test_it_leaves_out_withdrawn_documents() -> None:
    services.document_withdraw(document=make_document())
    assert document_search(query="oil").total == 0


def test_it_pages_through_the_results() -> None:
    for n in range(5):
        make_document(f"RA {n}", title=f"Oil filter {n}")
    page = document_search(query="oil", page=2, per_page=2)
    assert (page.total, page.pages, page.page, len(page.hits)) == (5, 3, 2, 2)
    assert (page.first_number, page.last_number, page.has_next) == (3, 4, True)


def test_it_shows_the_last_page_for_a_page_beyond_it() -> None:
    make_document()
    assert document_search(query="oil", page=9).page == 1


def test_it_searches_with_like_where_sqlite_has_no_fts5(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    make_document(body="Remove the oil filter cover.")
    monkeypatch.setattr(sqlite, "fts_available", lambda: False)
    [hit] = document_search(query="filter cover").hits
    assert "<mark>filter</mark>" in hit.snippet


def test_it_gives_the_documents_linked_to_a_key(vehicle) -> None:  # type: ignore[no-untyped-def]
    make_document("SI 1", links=[rules.link_clean("fault_code", "P0420")])
    make_document("SI 2", links=[rules.link_clean("fault_code", "P0420")], engines=["B47"])
    assert {d.number for d in documents_for(kind="fault_code", key="p0420")} == {"SI 1", "SI 2"}
    assert [d.number for d in documents_for(kind="fault_code", key="P0420", vehicle=vehicle)] == [
        "SI 1"
    ]
    assert documents_for(kind="part", key="P0420") == []


def test_it_tells_documents_of_another_vehicle_apart() -> None:
    make_document("RA N47", engines=["N47"])
    assert numbers(document_search(vehicle=other_vehicle())) == ["RA N47"]
