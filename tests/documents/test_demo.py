"""The demo: thirty documents of each kind, PDFs among them, searchable, idempotent. (Loading it
takes seconds: two tests only.)"""

from __future__ import annotations

import pytest
from django.db.models import Count

from aftersales.documents import demo
from aftersales.documents.models import Document, DocumentLink, DocumentVersion
from aftersales.documents.selectors import document_search

pytestmark = pytest.mark.django_db


def test_it_loads_thirty_documents_of_each_kind_in_every_form() -> None:
    demo.load()
    counts = dict(
        Document.objects.filter(state="active").values_list("kind").annotate(n=Count("pk"))
    )
    assert counts == dict.fromkeys(
        ["repair_instruction", "service_bulletin", "wiring_diagram", "inspection_sheet", "manual"],
        30,
    )
    types = dict(DocumentVersion.objects.values_list("file_type").annotate(n=Count("pk")))
    assert types["pdf"] >= 5 and types["image"] == 2
    scan = Document.objects.get(number="TM N54 05").current_version
    assert scan is not None and scan.text_state == "no_text"
    kinds = set(DocumentLink.objects.values_list("kind", flat=True))
    assert kinds == {"fault_code", "campaign", "labour_operation", "part"}
    oil = Document.objects.get(number="RA 11 42 050")
    assert oil.current_version is not None and oil.current_version.version == "2"


def test_it_finds_the_walkthrough_cars_oil_filter_instruction_and_loads_once(vehicle) -> None:  # type: ignore[no-untyped-def]
    demo.load()
    numbers = [
        hit.document.number for hit in document_search(query="oil filter", vehicle=vehicle).hits
    ]
    assert "RA 11 42 050" in numbers
    assert not {"RA 11 42 051", "RA 11 42 055"} & set(numbers)  # the N47 and B47 ones
    before = Document.objects.count()
    assert demo.load().startswith("0 documents created")
    assert Document.objects.count() == before


def test_it_writes_some_inspection_sheets_in_german() -> None:
    from aftersales.documents.demo_reference import inspection_sheets

    german = [d for d in inspection_sheets() if d.language == "de"]
    assert {d.language for d in inspection_sheets()} == {"en", "da", "de"}
    assert german and all(d.title.startswith(("Ölservice", "Fahrzeug-Check")) for d in german)
