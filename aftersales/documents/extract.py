"""What a document's file is (judged by its first bytes, never by its name) and the text in it:
pypdf for PDFs, the standard library's HTML parser for HTML pages; images have none.

A PDF of scanned pages has no text layer: it is kept and marked "no searchable text" (its title,
number and links still find it).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import IO

from django.utils.translation import gettext as _

from aftersales.portal.errors import RuleViolation

from . import codes

logger = logging.getLogger(__name__)

# A 100-page manual has some 300,000 characters; beyond this the rest is not searched (a
# PostgreSQL tsvector holds at most 1 MB).
MAX_TEXT_CHARS = 600_000

_IMAGES = [
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
]


@dataclass(frozen=True)
class FileKind:
    file_type: str  # DocumentVersion.FileType
    content_type: str


def sniff(head: bytes, name: str) -> FileKind:
    """The type of a file from its first bytes (at least 512); an HTML page must also be named
    .html or .htm and be text. IR-0012 for anything else (a ZIP, an Office file, an SVG...)."""
    if head.startswith(b"%PDF-"):
        return FileKind("pdf", "application/pdf")
    for magic, content_type in _IMAGES:
        if head.startswith(magic):
            return FileKind("image", content_type)
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return FileKind("image", "image/webp")
    if name.lower().endswith((".html", ".htm")) and b"\x00" not in head:
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as error:
            # A multi-byte character cut at the end of the sample is fine.
            if error.start < len(head) - 4:
                raise _not_accepted(name) from None
        return FileKind("html", "text/html; charset=utf-8")
    raise _not_accepted(name)


def _not_accepted(name: str) -> RuleViolation:
    return RuleViolation(
        codes.FILE_TYPE,
        _(
            "“%(name)s” is not a PDF, an HTML page (.html) or an image (PNG, JPEG, GIF, WebP). "
            "Nothing was stored."
        )
        % {"name": name[-80:]},
        field="file",
    )


@dataclass(frozen=True)
class Extracted:
    text: str
    pages: int | None = None
    error: str = ""


def tidy(text: str) -> str:
    """Whitespace as a reader sees it: runs of spaces as one, at most one empty line."""
    # Control characters go (NUL, and the marks the search puts around found words).
    text = re.sub(r"[\x00-\x08\x0e-\x1f]", "", text)
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    text = re.sub(r" ?\n ?", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()[:MAX_TEXT_CHARS]


def pdf_text(stream: IO[bytes]) -> Extracted:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(stream)
        if reader.is_encrypted and not reader.decrypt(""):
            return Extracted("", None, _("The PDF is encrypted with a password."))
        pages = len(reader.pages)
        chunks: list[str] = []
        size = 0
        for page in reader.pages:
            chunk = page.extract_text() or ""
            chunks.append(chunk)
            size += len(chunk)
            if size > MAX_TEXT_CHARS:
                break
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as error:
        logger.warning("PDF text extraction failed: %s", error)
        return Extracted("", None, _("The PDF cannot be read: %(error)s") % {"error": error})
    return Extracted(tidy("\n\n".join(chunks)), pages)


class _TextParser(HTMLParser):
    SKIP = {"script", "style", "head", "template", "noscript"}
    BLOCK = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "table"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP and self.skipping:
            self.skipping -= 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def html_text(stream: IO[bytes]) -> Extracted:
    raw = stream.read(MAX_TEXT_CHARS * 4)
    parser = _TextParser()
    parser.feed(raw.decode("utf-8", errors="replace"))
    parser.close()
    return Extracted(tidy("".join(parser.parts)))


def extract(stream: IO[bytes], file_type: str) -> Extracted:
    if file_type == "pdf":
        return pdf_text(stream)
    if file_type == "html":
        return html_text(stream)
    return Extracted("")
