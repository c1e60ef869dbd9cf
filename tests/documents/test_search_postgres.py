"""PostgreSQL's full-text search: each document stemmed in its own language, ranked, with
highlighted snippets from ts_headline."""

from __future__ import annotations

import pytest
from django.db import connection

from aftersales.documents import services
from aftersales.documents.models import Document
from aftersales.documents.selectors import document_search

from .conftest import make_document

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db]


def numbers(page) -> list[str]:  # type: ignore[no-untyped-def]
    return [hit.document.number for hit in page.hits]


def test_it_stems_danish_documents_in_danish() -> None:
    make_document(
        "IS DA",
        language="da",
        title="Olieservice",
        body="Oliefilteret udskiftes; bremseklodserne målt.",
    )
    assert numbers(document_search(query="oliefilter udskift bremseklodser")) == ["IS DA"]


def test_it_stems_german_documents_in_german() -> None:
    make_document("RA DE", language="de", title="Ölfilter", body="Die Ölfilter ersetzen.")
    assert numbers(document_search(query="Ölfiltern", language="de")) == ["RA DE"]


def test_it_keeps_a_document_stemmed_in_its_language() -> None:
    document = make_document(title="Oil filters")
    vector = Document.objects.values_list("search_vector", flat=True).get(pk=document.pk)
    assert "'filter':" in vector and "'oil':" in vector


def test_it_follows_a_new_title_at_once() -> None:
    document = make_document()
    services.document_update(
        document=document, title="Gearbox oil: change", kind="manual", language="en"
    )
    assert numbers(document_search(query="gearbox")) == ["RA 11 42 050"]


def test_it_marks_the_words_in_the_headline() -> None:
    make_document(body="First remove the cover. Then replace the filter element and the O-ring.")
    [hit] = document_search(query="replacing elements").hits
    assert "<mark>replace</mark>" in hit.snippet and "<mark>element</mark>" in hit.snippet


def test_it_understands_quotes_and_minus_in_a_search() -> None:
    make_document("RA 1", title="Oil filter cover", body="Torque 25 Nm.")
    make_document("RA 2", title="Filter for oil pan", body="Torque 25 Nm.")
    assert numbers(document_search(query='"oil filter"')) == ["RA 1"]
    assert numbers(document_search(query="filter -pan")) == ["RA 1"]


def test_it_keeps_one_search_index_per_language() -> None:
    """A partial GIN index per language answers `language = 'xx' AND search_vector @@ query`
    without reading each hit's vector again (bench/documents.py measures what it is worth)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'documents_document' "
            "AND indexdef LIKE '%%search_vector%%'"
        )
        found = dict(cursor.fetchall())
    assert sorted(found) == [
        "document_search_da_idx",
        "document_search_de_idx",
        "document_search_en_idx",
    ]
    assert (
        "gin (search_vector) WHERE ((language)::text = 'da'::text)"
        in found["document_search_da_idx"]
    )
