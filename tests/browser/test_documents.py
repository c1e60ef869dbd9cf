"""Information research in a real Chromium: search "oil filter" for the walkthrough's VIN →
only documents valid for the E91 / N54 (fewer than without the VIN) → open a PDF document: its
page, the file inline (read back), a bookmark, "recently opened" and the opening in the log.
Screens at 1280x900 and 390x844, checked for sideways scrolling and small targets."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from aftersales.documents.models import Document, DocumentOpening
from aftersales.documents.selectors import document_search, document_valid_for
from aftersales.vehicles.models import Vehicle

from .responsive import Visitor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VIN = "WBAUV71070A193748"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def demo(transactional_db) -> None:  # type: ignore[no-untyped-def]
    call_command("load_demo_data", stdout=io.StringIO())


def log_in(page: Page, base: str) -> None:
    page.set_viewport_size(DESKTOP)
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", "motorhj@mail.dk")
    page.fill("#id_password", "Aftersales-demo-2026")
    page.locator("form.stacked button[type=submit]").click()
    page.locator("button.lang[value=en]").click()


def both_widths(visit: Visitor, page: Page, name: str) -> None:
    page.set_viewport_size(DESKTOP)
    visit(f"{name}-1280")
    page.set_viewport_size(PHONE)
    visit(f"{name}-390")
    page.set_viewport_size(DESKTOP)


def test_it_finds_the_oil_filter_documents_of_the_walkthrough_car_and_opens_one(  # type: ignore[no-untyped-def]
    page: Page, live_server, screenshot, demo
) -> None:
    base = live_server.url
    visit = Visitor(page, base, screenshot)
    vehicle = Vehicle.objects.get(vin=VIN)
    everywhere = document_search(query="oil filter").total
    log_in(page, base)
    page.goto(f"{base}/applications/information-research/")
    expect(page.locator("[data-status=green]")).to_be_visible()
    page.get_by_role("button", name="Start").click()
    both_widths(visit, page, "start")

    page.fill("#id_search", "oil filter")
    page.fill("#id_vin", "A193748")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page.get_by_test_id("series-engine")).to_have_text("E91 / N54")
    hits = page.get_by_test_id("hit")
    expect(hits.first).to_be_visible()
    shown = document_search(query="oil filter", vehicle=vehicle)
    assert 0 < shown.total < everywhere  # the VIN leaves out documents of other vehicles
    numbers = [text.split(" · ")[0] for text in page.locator(".ir-hit .ir-meta").all_inner_texts()]
    documents = Document.objects.filter(number__in=numbers)
    assert documents.count() == len(numbers)
    assert all(document_valid_for(document, vehicle) for document in documents)
    expect(page.locator(".ir-hit .ir-snippet mark").first).to_be_visible()
    both_widths(visit, page, "results")

    pdf_hit = next(d for d in documents if d.current_version.file_type == "pdf")
    page.locator(".ir-hit").filter(has_text=pdf_hit.number).get_by_role("link").click()
    expect(page.get_by_test_id("document-number")).to_have_text(pdf_hit.number)
    page.get_by_test_id("bookmark").click()
    expect(page.get_by_test_id("bookmark")).to_have_text("Remove bookmark")
    both_widths(visit, page, "document")

    href = page.get_by_test_id("open-file").get_attribute("href")
    response = page.request.get(f"{base}{href}")
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"].startswith("inline")
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.body())).pages)
    assert "oil" in text.lower()
    assert DocumentOpening.objects.filter(document=pdf_hit, user__email="motorhj@mail.dk").exists()

    page.goto(f"{base}/information-research/")
    expect(page.get_by_text(pdf_hit.title).first).to_be_visible()  # bookmarked, recently opened
    both_widths(visit, page, "bookmarks")
    assert not visit.problems, "\n".join(visit.problems)
