"""The pages share one look: classes of portal/site.css, one PDF base, shared fragments included."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2] / "aftersales"
PAGES = [p for p in ROOT.glob("*/templates/**/*.html") if "/templates/admin/" not in str(p)]
PDFS = [p for p in PAGES if re.search(r"(_pdf|/pdf/[^_][^/]*)\.html$", str(p))]


def test_it_styles_pages_with_classes_not_inline_styles() -> None:
    inline = [
        f"{p.relative_to(ROOT)}:{n}"
        for p in PAGES
        for n, line in enumerate(p.read_text().splitlines(), 1)
        if 'style="' in line
    ]
    assert inline == []


def test_it_builds_every_pdf_on_the_one_pdf_base() -> None:
    assert PDFS, "no PDF templates found"
    own_base = [
        str(p.relative_to(ROOT))
        for p in PDFS
        if '{% extends "portal/pdf_base.html" %}' not in p.read_text()
    ]
    assert own_base == []


def test_it_includes_the_price_table_instead_of_copying_it() -> None:
    copies = [
        str(p.relative_to(ROOT))
        for p in PAGES
        if p.name != "_price_table.html"
        and 'translate "Valid for"' in p.read_text()
        and "<table" in p.read_text()
    ]
    assert copies == []
