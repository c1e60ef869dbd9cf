"""PostgreSQL full-text search: each document is stemmed in its own language's configuration,
so a search is asked once per language (`language = 'da' AND vector @@ query_da OR ...`): every
branch compares with a constant query and can use the GIN index."""

from __future__ import annotations

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
)
from django.db.models import Case, F, FloatField, Q, QuerySet, TextField, Value, When
from django.db.models.functions import Substr
from django.utils.safestring import SafeString

from ..models import SEARCH_CONFIGS, Document
from . import START, STOP, highlighted

# ts_headline reads the whole text it is given; the snippet comes from the first pages.
HEADLINE_CHARS = 60_000


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
        if not documents:
            return {}
        languages = sorted({document.language for document in documents})
        text = Substr("body", 1, HEADLINE_CHARS)
        headlines = [
            When(
                language=language,
                then=SearchHeadline(
                    text,
                    _query(words, language),
                    config=SEARCH_CONFIGS[language],
                    start_sel=START,
                    stop_sel=STOP,
                    max_words=35,
                    min_words=15,
                    max_fragments=2,
                    fragment_delimiter=" … ",
                ),
            )
            for language in languages
        ]
        rows = (
            Document.objects.filter(pk__in=[document.pk for document in documents])
            .annotate(snippet=Case(*headlines, default=Value(""), output_field=TextField()))
            .values_list("pk", "snippet")
        )
        return {pk: highlighted(snippet or "") for pk, snippet in rows}
