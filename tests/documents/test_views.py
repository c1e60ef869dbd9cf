"""The workshop's pages: access, the search with a VIN, kind and language, a document, its
file, bookmarks and "recently opened", escaping, and what another workshop (the outsider) sees."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from aftersales.documents import rules, services
from aftersales.documents.models import Bookmark, DocumentOpening

from .conftest import VIN, make_document, pdf

pytestmark = pytest.mark.django_db


def url(name: str, **kwargs: object) -> str:
    return reverse(f"documents:{name}", kwargs=kwargs)


@pytest.fixture
def client(owner, client_for, access, vehicle) -> Client:  # type: ignore[no-untyped-def]
    return client_for(owner)


def text(response) -> str:  # type: ignore[no-untyped-def]
    return response.content.decode()


# --- access ---------------------------------------------------------------------------------


def test_it_sends_anonymous_users_to_the_login(applications) -> None:
    response = Client().get(url("search"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_it_needs_a_ticket(owner, client_for, applications) -> None:
    document = make_document()
    for address in [
        url("search"),
        url("document", document_id=document.pk),
        url("file", document_id=document.pk),
    ]:
        response = client_for(owner).get(address)
        assert response.status_code == 403, address
    assert not DocumentOpening.objects.exists()


def test_it_is_started_from_the_catalogue(client) -> None:
    response = client.post(reverse("catalogue:start", kwargs={"slug": "information-research"}))
    assert response.status_code == 302 and response["Location"] == url("search")


# --- the search ---------------------------------------------------------------------------------


def test_it_shows_bookmarks_and_recently_opened_before_a_search(client, owner) -> None:  # type: ignore[no-untyped-def]
    document = make_document()
    services.bookmark_add(user=owner, document=document)
    services.document_opening_record(user=owner, document=document, channel="page")
    page = text(client.get(url("search")))
    assert "Bookmarks" in page and "Recently opened" in page
    assert page.count("Oil filter element: replace (N54)") == 2


def test_it_finds_the_documents_valid_for_the_vin(client) -> None:
    make_document("RA N54", series=["E91"], engines=["N54"])
    make_document("RA N47", series=["E90"], engines=["N47"], title="Oil filter element (N47)")
    page = text(client.get(url("search"), {"search": "oil filter", "vin": "a193748"}))
    assert "1 document found" in page and "RA N54" in page and "RA N47" not in page
    assert "E91 / N54" in page and "Only documents valid for this vehicle" in page


def test_it_keeps_a_malformed_vin_and_says_what_is_wrong(client) -> None:
    response = client.get(url("search"), {"search": "oil", "vin": "WBA<b>1"})
    page = text(response)
    assert response.status_code == 200 and "VIN-0001" in page
    assert 'value="WBA&lt;b&gt;1"' in page and 'value="oil"' in page


def test_it_says_when_the_vehicle_is_not_known(client) -> None:
    page = text(client.get(url("search"), {"vin": "WBAUV71070A000001"}))
    assert "VIN-0002" in page


def test_it_names_a_search_that_is_too_long_and_keeps_it(client) -> None:
    long = "oil " * 60
    page = text(client.get(url("search"), {"search": long}))
    assert "IR-0002" in page and long.strip()[:50] in page


def test_it_counts_per_kind_and_filters_by_kind(client) -> None:
    make_document("RA 1")
    make_document("SI 1", kind="service_bulletin", title="Oil filter cover leaks")
    page = text(client.get(url("search"), {"search": "oil", "kind": "service_bulletin"}))
    assert "Repair instruction (1)" in page and "Technical service bulletin (1)" in page
    assert "SI 1" in page and "RA 1 ·" not in page


def test_it_escapes_what_documents_and_searches_hold(client) -> None:
    make_document(title="<script>alert(1)</script> filter")
    page = text(client.get(url("search"), {"search": "filter"}))
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)" in page
    page = text(client.get(url("search"), {"search": "<img src=x>"}))
    assert "<img src=x>" not in page and 'value="&lt;img src=x&gt;"' in page


def test_it_pages_through_the_results(client) -> None:
    for n in range(23):
        make_document(f"RA {n:02d}", title=f"Oil filter {n}")
    page = text(client.get(url("search"), {"search": "oil filter", "page": "2"}))
    assert "21–23 of 23 · page 2 of 2" in page and "Previous" in page


def test_it_finds_a_typed_part_number(client) -> None:
    make_document()
    page = text(client.get(url("search"), {"search": "11427953129"}))
    assert "Documents that name 11427953129." in page and "1 document found" in page


# --- a document, its file, bookmarks ----------------------------------------------------------------


def test_it_shows_a_document_and_logs_the_opening(client, owner) -> None:  # type: ignore[no-untyped-def]
    document = make_document(
        series=["E91"], engines=["N54"], links=[rules.link_clean("fault_code", "P0420")]
    )
    response = client.get(url("document", document_id=document.pk), {"vin": VIN, "search": "oil"})
    page = text(response)
    assert response.status_code == 200 and "RA 11 42 050" in page
    assert "Valid for the vehicle WBAUV71070A193748." in page
    assert 'href="/emission-relevant-fault-codes/codes/P0420/"' in page
    assert "Part: <strong>11 42 7 953 129</strong>" in page
    assert "?vin=WBAUV71070A193748&amp;search=oil" in page  # back to the results
    opening = DocumentOpening.objects.get()
    assert (opening.user, opening.channel, opening.version) == (
        owner,
        "page",
        document.current_version,
    )


def test_it_says_when_a_document_is_not_valid_for_the_vehicle(client) -> None:
    document = make_document(engines=["B47"])
    page = text(client.get(url("document", document_id=document.pk), {"vin": VIN}))
    assert "Not valid for the vehicle WBAUV71070A193748." in page


def test_it_serves_a_pdf_inline_and_logs_it(client) -> None:
    document = make_document(content=pdf("Oil filter."), file_name="x.pdf")
    response = client.get(url("file", document_id=document.pk))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert DocumentOpening.objects.get().channel == "file"


def test_it_downloads_the_file(client) -> None:
    document = make_document(content=pdf("Oil filter."), file_name="x.pdf")
    response = client.get(url("file", document_id=document.pk), {"download": "1"})
    assert response["Content-Disposition"] == 'attachment; filename="ra-11-42-050-v1.pdf"'
    assert DocumentOpening.objects.get().channel == "download"


def test_it_shows_an_html_document_in_a_sandbox(client) -> None:
    document = make_document()
    response = client.get(url("file", document_id=document.pk))
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert response["Content-Security-Policy"].startswith("sandbox;")


def test_it_never_shows_a_withdrawn_document(client) -> None:
    document = services.document_withdraw(document=make_document())
    assert client.get(url("document", document_id=document.pk)).status_code == 404
    assert client.get(url("file", document_id=document.pk)).status_code == 404
    assert not DocumentOpening.objects.exists()


def test_it_says_when_the_file_is_gone(client) -> None:
    document = make_document()
    assert document.current_version is not None
    document.current_version.file.storage.delete(document.current_version.file.name)
    response = client.get(url("file", document_id=document.pk), follow=True)
    assert "IR-0003" in text(response)


def test_it_bookmarks_and_unbookmarks(client, owner) -> None:  # type: ignore[no-untyped-def]
    document = make_document()
    response = client.post(
        url("bookmark", document_id=document.pk) + "?search=oil", {"action": "add"}
    )
    assert response["Location"] == url("document", document_id=document.pk) + "?search=oil"
    assert Bookmark.objects.filter(user=owner, document=document).exists()
    assert "Remove bookmark" in text(client.get(url("document", document_id=document.pk)))
    client.post(url("bookmark", document_id=document.pk), {"action": "remove"})
    assert not Bookmark.objects.exists()


def test_it_takes_a_bookmark_by_post_only(client) -> None:
    document = make_document()
    assert client.get(url("bookmark", document_id=document.pk)).status_code == 405


def test_it_lists_bookmarks_with_withdrawn_ones_marked(client, owner) -> None:  # type: ignore[no-untyped-def]
    kept = make_document()
    gone = make_document("SI 1", title="Old bulletin")
    services.bookmark_add(user=owner, document=kept)
    services.bookmark_add(user=owner, document=gone)
    services.document_withdraw(document=gone)
    page = text(client.get(url("bookmarks")))
    assert "Oil filter element: replace (N54)" in page and "Old bulletin" in page
    assert "Withdrawn" in page


# --- another workshop ------------------------------------------------------------------------------


def test_it_keeps_bookmarks_and_openings_to_their_user(  # type: ignore[no-untyped-def]
    client, owner, outsider, outsider_access, client_for
) -> None:
    document = make_document(title="Owner's bookmark")
    client.post(url("bookmark", document_id=document.pk), {"action": "add"})
    client.get(url("document", document_id=document.pk))
    other = client_for(outsider)
    assert "Owner&#x27;s bookmark" not in text(other.get(url("bookmarks")))
    assert "Owner&#x27;s bookmark" not in text(other.get(url("search")))
    other.post(url("bookmark", document_id=document.pk), {"action": "remove"})
    assert Bookmark.objects.filter(user=owner).exists()


def test_it_refuses_the_outsider_without_a_ticket(client_for, outsider, applications) -> None:  # type: ignore[no-untyped-def]
    document = make_document()
    assert client_for(outsider).get(url("document", document_id=document.pk)).status_code == 403
    assert client_for(outsider).get(url("file", document_id=document.pk)).status_code == 403
