"""Writes: documents and versions, the file checks, withdrawal, indexing, bookmarks, openings."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.base import ContentFile

from aftersales.documents import rules, services
from aftersales.documents.models import (
    Bookmark,
    Document,
    DocumentLink,
    DocumentOpening,
    DocumentVersion,
)
from aftersales.documents.selectors import document_search
from aftersales.portal.errors import RuleViolation

from .conftest import PNG, html, make_document, pdf

pytestmark = pytest.mark.django_db


def new_version(document: Document, version: str = "2", content: bytes | None = None, **kw):  # type: ignore[no-untyped-def]
    return services.document_version_add(
        actor=None,
        document=document,
        upload=ContentFile(content or html("New", "Torque the cover to 25 Nm."), name="v.html"),
        file_name="v.html",
        version=version,
        valid_from=datetime.date(2025, 2, 1),
        note="Torque corrected.",
        index_now=True,
        **kw,
    )


def test_it_stores_a_document_with_its_first_version_and_text() -> None:
    document = make_document()
    version = document.current_version
    assert version is not None and version.version == "1"
    assert version.text_state == "indexed" and "oil filter element" in document.body
    assert version.file.name == f"documents/{document.pk}/{version.pk}.html"
    assert version.sha256 and version.size_bytes > 0


def test_it_makes_links_of_the_numbers_the_text_names() -> None:
    document = make_document()
    assert list(
        DocumentLink.objects.filter(document=document).values_list("kind", "key", "source")
    ) == [("part", "11427953129", "text")]


def test_it_keeps_the_operators_link_when_the_text_names_the_same() -> None:
    link = rules.link_clean("part", "11427953129")
    document = make_document(links=[link])
    assert list(
        DocumentLink.objects.filter(document=document).values_list("source", flat=True)
    ) == ["manual"]


def test_it_refuses_a_number_that_exists() -> None:
    make_document()
    with pytest.raises(RuleViolation) as raised:
        make_document(" ra 11 42 050")
    assert raised.value.code == "IR-0013" and raised.value.field == "number"


def test_it_refuses_a_file_that_is_no_document_and_stores_nothing() -> None:
    with pytest.raises(RuleViolation) as raised:
        make_document(content=b"PK\x03\x04 a zip", file_name="evil.pdf")
    assert raised.value.code == "IR-0012"
    assert not Document.objects.exists() and not DocumentVersion.objects.exists()


def test_it_refuses_a_file_over_the_limit(settings) -> None:  # type: ignore[no-untyped-def]
    settings.DOCUMENT_MAX_FILE_BYTES = 100
    with pytest.raises(RuleViolation) as raised:
        make_document(content=b"%PDF-" + b"x" * 200, file_name="big.pdf")
    assert raised.value.code == "IR-0011" and raised.value.status == 413


def test_it_keeps_a_pdf_without_text_as_no_searchable_text() -> None:
    from aftersales.documents.demo import scanned_pdf

    document = make_document(content=scanned_pdf(), file_name="scan.pdf", title="Scanned manual")
    assert document.current_version is not None
    assert document.current_version.text_state == "no_text"
    assert document_search(query="scanned").total == 1


def test_it_keeps_an_image_without_text() -> None:
    document = make_document(content=PNG, file_name="diagram.png", kind="wiring_diagram")
    version = document.current_version
    assert version is not None and (version.file_type, version.text_state) == ("image", "no_text")
    assert version.file.name.endswith(".png")


def test_it_makes_a_new_version_the_current_one_and_keeps_the_old() -> None:
    document = make_document()
    first = document.current_version
    version = new_version(document)
    document.refresh_from_db()
    assert document.current_version == version and version.note == "Torque corrected."
    assert "Torque the cover" in document.body and "oil filter element" not in document.body
    assert DocumentVersion.objects.filter(pk=first.pk).exists()  # type: ignore[union-attr]


def test_it_refuses_a_version_name_the_document_has() -> None:
    document = make_document()
    with pytest.raises(RuleViolation) as raised:
        new_version(document, version="1")
    assert raised.value.code == "IR-0014"


def test_it_refuses_a_new_version_of_a_withdrawn_document() -> None:
    document = services.document_withdraw(document=make_document())
    with pytest.raises(RuleViolation) as raised:
        new_version(document)
    assert raised.value.code == "IR-0015"


def test_it_withdraws_and_reinstates_a_document() -> None:
    document = services.document_withdraw(document=make_document(), reason="superseded")
    assert (document.state, document.withdrawn_reason) == ("withdrawn", "superseded")
    assert document_search(query="oil").total == 0
    document = services.document_reinstate(document=document)
    assert document.state == "active" and document.withdrawn_at is None
    assert document_search(query="oil").total == 1


def test_it_refuses_to_withdraw_twice() -> None:
    document = services.document_withdraw(document=make_document())
    with pytest.raises(RuleViolation) as raised:
        services.document_withdraw(document=document)
    assert raised.value.code == "IR-0015"


def test_it_sets_validity_and_knows_when_a_document_is_valid_for_all() -> None:
    document = make_document()
    assert document.valid_for_all
    services.document_validity_set(document=document, rows=rules.validity_rows(series=["E91"]))
    assert not Document.objects.get(pk=document.pk).valid_for_all


def test_it_indexes_the_text_of_a_pdf() -> None:
    document = make_document(content=pdf("Check the charge air hose clamp."), file_name="a.pdf")
    assert document_search(query="clamp").total == 1
    assert document.current_version is not None and document.current_version.pages == 1


def test_it_marks_a_missing_file_as_unreadable() -> None:
    document = make_document()
    version = document.current_version
    assert version is not None
    version.file.storage.delete(version.file.name)
    indexed = services.document_index(version_id=version.pk)
    assert indexed.text_state == "failed" and "cannot be read" in indexed.text_error


def test_it_bookmarks_once_per_user(owner, teammate) -> None:  # type: ignore[no-untyped-def]
    document = make_document()
    services.bookmark_add(user=owner, document=document)
    services.bookmark_add(user=owner, document=document)
    services.bookmark_add(user=teammate, document=document)
    assert Bookmark.objects.filter(document=document).count() == 2
    assert services.bookmark_remove(user=owner, document=document)
    assert list(Bookmark.objects.values_list("user", flat=True)) == [teammate.pk]


def test_it_logs_who_opened_which_version_when(owner) -> None:  # type: ignore[no-untyped-def]
    document = make_document()
    at = datetime.datetime(2026, 3, 1, 9, 30, tzinfo=datetime.UTC)
    opening = services.document_opening_record(
        user=owner, document=document, channel="page", now=at
    )
    assert (opening.user, opening.organisation, opening.version, opening.opened_at) == (
        owner,
        owner.organisation,
        document.current_version,
        at,
    )
    assert DocumentOpening.objects.count() == 1
