"""Full-text search over the documents, one backend per database:

- PostgreSQL (production): a tsvector per document in its language's configuration (English,
  Danish, German stemming), a GIN index, `websearch_to_tsquery`, `ts_rank` and `ts_headline`.
- SQLite (the embedded default): an FTS5 table with the Porter stemmer (English stemming only),
  bm25 ranking and FTS5's snippets; where SQLite lacks FTS5, every word must appear (LIKE).

Both answer the same three calls: `index(document)`, `match(queryset, words, languages)` (the
matching documents annotated with `rank`, higher is better) and `snippets(documents, words)`
(safe HTML with the found words in <mark>).
"""

from __future__ import annotations

from typing import Protocol

from django.db import connection
from django.db.models import QuerySet
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from ..models import Document

# Marks around found words while the text is still raw; escaped text then gets <mark>s.
START, STOP = "\x02", "\x03"


def highlighted(raw: str) -> SafeString:
    # Escaped first: the only tags are our own <mark>s.
    return mark_safe(escape(raw).replace(START, "<mark>").replace(STOP, "</mark>"))


class SearchBackend(Protocol):
    def index(self, document: Document) -> None: ...

    def match(
        self, queryset: QuerySet[Document], words: str, languages: list[str]
    ) -> QuerySet[Document]: ...

    def snippets(self, documents: list[Document], words: str) -> dict[int, SafeString]: ...


def backend() -> SearchBackend:
    if connection.vendor == "postgresql":
        from .postgres import PostgresBackend

        return PostgresBackend()
    from .sqlite import SqliteBackend

    return SqliteBackend()
