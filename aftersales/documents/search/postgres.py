"""PostgreSQL full-text search: each document is stemmed in its own language's configuration,
so a search is asked once per language (`language = 'da' AND vector @@ query_da OR ...`): every
branch compares with a constant query and can use the GIN index."""

from __future__ import annotations

import re
from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Case, F, FloatField, Q, QuerySet, Value, When
from django.utils.safestring import SafeString

from ..models import SEARCH_CONFIGS, Document
from . import START, STOP, highlighted

# ts_headline reads the whole text it is given: it gets this much, from a little before the
# first searched word on.
HEADLINE_CHARS = 2_000
HEADLINE_LEAD = 300


def _query(words: str, language: str) -> SearchQuery:
    return SearchQuery(words, config=SEARCH_CONFIGS[language], search_type="websearch")


class PostgresBackend:
    def index(self, document: Document) -> None:
        config = document.search_config
        vector = SearchVector("number", "title", config=config, weight="A") + SearchVector(
            "body", config=config, weight="B"
        )
        Document.objects.filter(pk=document.pk).update(search_vector=vector)

    def match(
        self, queryset: QuerySet[Document], words: str, languages: list[str]
    ) -> QuerySet[Document]:
        condition = Q()
        ranks = []
        for language in languages:
            query = _query(words, language)
            condition |= Q(language=language, search_vector=query)
            ranks.append(When(language=language, then=SearchRank(F("search_vector"), query)))
        return queryset.filter(condition).annotate(
            rank=Case(*ranks, default=Value(0.0), output_field=FloatField())
        )

    def snippets(self, documents: list[Document], words: str) -> dict[int, SafeString]:
        """ts_headline, in each document's language, over a window of its text around the first
        place a searched word starts (ts_headline parses all it is given: the whole text of 20
        documents costs more than the search itself). One query."""
        if not documents:
            return {}
        prefixes = word_prefixes(words)
        rows: list[str] = []
        params: list[Any] = []
        for document in documents:
            rows.append("(%s, %s::regconfig, %s)")
            params += [document.pk, document.search_config, window(document.body, prefixes)]
        options = (
            f"StartSel={START}, StopSel={STOP}, MaxWords=35, MinWords=15, MaxFragments=2, "
            'FragmentDelimiter=" … "'
        )
        sql = (
            "SELECT t.id, ts_headline(t.cfg, t.txt, websearch_to_tsquery(t.cfg, %s), %s) "
            f"FROM (VALUES {', '.join(rows)}) AS t(id, cfg, txt)"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [words, options, *params])
            found = cursor.fetchall()
        return {pk: highlighted(snippet or "") for pk, snippet in found}


def word_prefixes(words: str) -> list[str]:
    """The beginnings of the searched words (not those excluded with -), lower case: the
    stem is at least as long ("replacing" → "replac" finds "replace")."""
    prefixes = []
    for match in re.finditer(r"(^|\s)(-?)([^\s\"]+)", words.replace('"', " ")):
        if match.group(2):
            continue
        word = re.sub(r"\W+$", "", match.group(3).lower())
        if len(word) >= 2 and word not in ("or", "and"):
            prefixes.append(word[: max(4, len(word) - 3)] if len(word) > 4 else word)
    return prefixes


def window(body: str, prefixes: list[str]) -> str:
    """HEADLINE_CHARS of the text from a little before the first searched word."""
    lowered = body.lower()
    found = [at for at in (lowered.find(prefix) for prefix in prefixes) if at >= 0]
    if not found:
        return body[:HEADLINE_CHARS]
    start = max(0, min(found) - HEADLINE_LEAD)
    if start:
        space = body.find(" ", start)
        start = space + 1 if 0 <= space < min(found) else start
    return body[start : start + HEADLINE_CHARS]
