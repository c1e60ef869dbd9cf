"""SQLite: an FTS5 table `documents_fts` (made by migration 0002 where SQLite has FTS5) with
the Porter stemmer, bm25 ranking (number and title weigh ten times the text) and FTS5's
snippets. Without FTS5 every word must appear in the title or the text (LIKE), unranked."""

from __future__ import annotations

import re

from django.db import connection
from django.db.models import FloatField, Q, QuerySet, Value
from django.db.models.expressions import RawSQL
from django.utils.safestring import SafeString

from ..models import Document
from . import START, STOP, highlighted

TABLE = "documents_fts"
SNIPPET_TOKENS = 30


def fts_available() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = %s", [TABLE])
        return cursor.fetchone() is not None


def _tokens(words: str) -> list[str]:
    return re.findall(r"\w+", words.lower())


def _fts_query(words: str) -> str:
    """Every word, quoted (FTS5 would read AND, NOT, quotes and stars as its own syntax)."""
    return " ".join(f'"{token}"' for token in _tokens(words))


class SqliteBackend:
    def __init__(self) -> None:
        self.fts = fts_available()

    def index(self, document: Document) -> None:
        if not self.fts:
            return
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE} WHERE rowid = %s", [document.pk])
            cursor.execute(
                f"INSERT INTO {TABLE} (rowid, number, title, body) VALUES (%s, %s, %s, %s)",
                [document.pk, document.number, document.title, document.body],
            )

    def match(
        self, queryset: QuerySet[Document], words: str, languages: list[str]
    ) -> QuerySet[Document]:
        queryset = queryset.filter(language__in=languages)
        if not _tokens(words):
            return queryset.none()
        if not self.fts:
            for token in _tokens(words):
                queryset = queryset.filter(Q(title__icontains=token) | Q(body__icontains=token))
            return queryset.annotate(rank=Value(0.0, output_field=FloatField()))
        query = _fts_query(words)
        table = Document._meta.db_table
        return queryset.filter(
            pk__in=RawSQL(f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s", [query])
        ).annotate(
            rank=RawSQL(
                f"(SELECT -bm25({TABLE}, 10.0, 10.0, 1.0) FROM {TABLE} "
                f"WHERE {TABLE} MATCH %s AND {TABLE}.rowid = {table}.id)",
                [query],
                output_field=FloatField(),
            )
        )

    def snippets(self, documents: list[Document], words: str) -> dict[int, SafeString]:
        if not documents or not _tokens(words):
            return {}
        if not self.fts:
            return {document.pk: _like_snippet(document.body, words) for document in documents}
        ids = [document.pk for document in documents]
        marks = ", ".join(["%s"] * len(ids))
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT rowid, snippet({TABLE}, 2, %s, %s, ' … ', {SNIPPET_TOKENS}) FROM {TABLE} "
                f"WHERE {TABLE} MATCH %s AND rowid IN ({marks})",
                [START, STOP, _fts_query(words), *ids],
            )
            return {pk: highlighted(snippet or "") for pk, snippet in cursor.fetchall()}


def _like_snippet(body: str, words: str, width: int = 120) -> SafeString:
    tokens = _tokens(words)
    lower = body.lower()
    found = [lower.find(token) for token in tokens if lower.find(token) >= 0]
    start = max(0, min(found) - width) if found else 0
    excerpt = body[start : start + 2 * width]
    pattern = re.compile("|".join(re.escape(token) for token in tokens), re.IGNORECASE)
    marked = pattern.sub(lambda m: f"{START}{m.group(0)}{STOP}", excerpt)
    return highlighted(
        ("… " if start else "") + marked + (" …" if len(body) > start + 2 * width else "")
    )
