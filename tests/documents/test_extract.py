"""What a file is, judged by its content, and the text in it."""

from __future__ import annotations

import pytest

from aftersales.documents.extract import extract, sniff, tidy
from aftersales.portal.errors import RuleViolation

from .conftest import PNG, pdf, stream


def test_it_knows_a_pdf_by_its_first_bytes_whatever_its_name() -> None:
    assert sniff(b"%PDF-1.7\n...", "manual.html").file_type == "pdf"


def test_it_knows_images() -> None:
    assert sniff(PNG, "x.bin").content_type == "image/png"
    assert sniff(b"\xff\xd8\xff\xe0rest", "x").content_type == "image/jpeg"


def test_it_takes_an_html_page_by_its_name_and_text() -> None:
    assert sniff(b"<html><body>Hi</body></html>", "page.HTM").file_type == "html"


@pytest.mark.parametrize(
    ("head", "name"),
    [
        (b"PK\x03\x04zip", "manual.pdf"),
        (b"<svg onload=alert(1)>", "drawing.svg"),
        (b"<html>\x00binary", "page.html"),
        (b"just text", "notes.txt"),
    ],
)
def test_it_refuses_anything_else(head: bytes, name: str) -> None:
    with pytest.raises(RuleViolation) as raised:
        sniff(head, name)
    assert raised.value.code == "IR-0012" and raised.value.field == "file"


def test_it_reads_the_text_of_a_pdf() -> None:
    found = extract(stream(pdf("Replace the oil filter element.")), "pdf")
    assert "Replace the oil filter element." in found.text and found.pages == 1


def test_it_finds_no_text_in_a_scanned_pdf() -> None:
    from aftersales.documents.demo import scanned_pdf

    found = extract(stream(scanned_pdf()), "pdf")
    assert found.text == "" and found.pages == 1 and not found.error


def test_it_says_why_a_broken_pdf_has_no_text() -> None:
    found = extract(stream(b"%PDF-1.4\nnot really a pdf"), "pdf")
    assert found.text == "" and found.error


def test_it_reads_an_html_page_without_its_scripts_and_styles() -> None:
    page = (
        b"<html><head><title>T</title><style>p{color:red}</style></head><body>"
        b"<script>alert('x')</script><p>Oil &amp; filter</p><p>Cover</p></body></html>"
    )
    assert extract(stream(page), "html").text == "Oil & filter\n\nCover"


def test_it_has_no_text_for_an_image() -> None:
    assert extract(stream(PNG), "image").text == ""


def test_it_removes_control_characters_and_extra_whitespace() -> None:
    assert tidy("a\x00b\x02c   d\n\n\n\ne") == "abc d\n\ne"
