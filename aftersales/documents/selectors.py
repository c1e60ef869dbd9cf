"""Reads of Information research shared by the pages, the API, the hook for other applications
and the back office; `document_get` is the one scoping helper for a document reached by id.

Documents are the manufacturer's information, not a workshop's: every user who may start the
application sees every active document. Bookmarks and the "recently opened" list are the user's
own; nobody else reads them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.contrib.postgres.expressions import ArraySubquery
from django.core.files import File
from django.db import connection
from django.db.models import BooleanField, Count, Expression, F, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from aftersales.catalogue.access import application_access
from aftersales.catalogue.selectors import application_find
from aftersales.portal.errors import RuleViolation
from aftersales.vehicles.models import Vehicle, VehicleOption

from . import codes
from .models import (
    Bookmark,
    Document,
    DocumentKind,
    DocumentLanguage,
    DocumentLink,
    DocumentOpening,
    DocumentValidity,
    DocumentVersion,
)
from .rules import ParsedQuery, key_of, query_parse
from .search import backend

if TYPE_CHECKING:
    from aftersales.accounts.models import User

APPLICATION_SLUG = "information-research"
PER_PAGE = 20
MAX_PER_PAGE = 100


def may_use(user: User) -> bool:
    """Whether the user may start Information research (the catalogue's one decision)."""
    application = application_find(slug=APPLICATION_SLUG)
    return (
        application is not None and application_access(user=user, application=application).allowed
    )


# --- Which documents are valid for a vehicle ------------------------------------------------------


class EqualsAny(Expression):
    """PostgreSQL's `value = ANY(array)`: with an ARRAY(subquery) the array is computed once
    and the condition is an index condition (`IN (subquery)` is not)."""

    output_field = BooleanField()

    def __init__(self, value: Any, array: Any) -> None:
        super().__init__()
        self.value, self.array = value, array

    def get_source_expressions(self) -> list[Any]:
        return [self.value, self.array]

    def set_source_expressions(self, exprs: Sequence[Any]) -> None:
        self.value, self.array = exprs

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, tuple[Any, ...]]:
        value_sql, value_params = compiler.compile(self.value)
        array_sql, array_params = compiler.compile(self.array)
        return f"{value_sql} = ANY({array_sql})", (*value_params, *array_params)


def valid_for(vehicle: Vehicle) -> Q:
    """The documents (Document) valid for the vehicle: those without validity rows, and those
    with a row whose every filled-in criterion matches its central data and options.

    The rows come from an index-only scan of document_validity_vehicle_idx (every criterion is
    "= value or empty", an IN the index serves). On PostgreSQL their documents are asked as
    `id = ANY(ARRAY(rows))`, which the primary key answers as a bitmap: ORed with
    document_valid_for_all_idx and ANDed with the words' GIN indexes, only the documents that
    match both are read (an `IN (rows)` is a filter on every word match instead)."""
    options = list(
        VehicleOption.objects.filter(vehicle=vehicle).values_list("code", flat=True).distinct()
    )
    produced = vehicle.production_date
    rows = (
        DocumentValidity.objects.filter(
            Q(series__in=["", vehicle.series.upper()])
            & Q(engine_type__in=["", vehicle.engine_type.upper()])
            & Q(model_code__in=["", vehicle.model_code.upper()])
            & Q(brand__in=["", vehicle.brand])
            & (Q(produced_from__isnull=True) | Q(produced_from__lte=produced))
            & (Q(produced_to__isnull=True) | Q(produced_to__gte=produced))
            & Q(option_code__in=["", *sorted({code.upper() for code in options})])
        )
        .order_by()
        .values("document_id")
    )  # no default ordering: it would join the documents
    if connection.vendor == "postgresql":
        return Q(valid_for_all=True) | Q(EqualsAny(F("pk"), ArraySubquery(rows)))
    return Q(valid_for_all=True) | Q(pk__in=rows)


def document_valid_for(document: Document, vehicle: Vehicle) -> bool:
    return Document.objects.filter(valid_for(vehicle), pk=document.pk).exists()


# --- One document ---------------------------------------------------------------------------------


def document_get(*, document_id: int) -> Document:
    """An active document with its current version; RuleViolation IR-0001 (404) for an unknown
    or withdrawn one."""
    document = (
        Document.objects.filter(pk=document_id, state=Document.State.ACTIVE)
        .select_related("current_version")
        .first()
    )
    if document is None or document.current_version is None:
        raise RuleViolation(
            codes.DOCUMENT_NOT_FOUND,
            _("There is no document %(id)s, or it was withdrawn.") % {"id": document_id},
        )
    return document


def version_file(version: DocumentVersion) -> File[Any]:
    """The stored file of a version, open for reading; IR-0003 (410) when it is gone from the
    server (the caller closes it; a FileResponse does)."""
    try:
        opened: File[Any] = version.file.open("rb")
    except (OSError, ValueError):
        raise RuleViolation(
            codes.FILE_UNAVAILABLE,
            _("The file of this document is not available. Please tell the operator."),
        ) from None
    return opened


def document_links(document: Document) -> list[DocumentLink]:
    return list(DocumentLink.objects.filter(document=document).order_by("kind", "key"))


def documents_for(
    *, kind: str, key: str | Iterable[str], vehicle: Vehicle | None = None
) -> list[Document]:
    """The active documents linked to a fault code, campaign, labour operation or part (one
    key or several, e.g. the parts of a drawing): the hook other applications show. Valid for
    the vehicle when one is given. Uses document_link_key_idx; at most 50."""
    keys = [key_of(key)] if isinstance(key, str) else sorted({key_of(k) for k in key})
    documents = Document.objects.filter(
        state=Document.State.ACTIVE,
        current_version__isnull=False,
        pk__in=DocumentLink.objects.filter(kind=kind, key__in=keys).values("document_id"),
    )
    if vehicle is not None:
        documents = documents.filter(valid_for(vehicle))
    return list(documents.select_related("current_version").order_by("kind", "title")[:50])


# --- Search ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchHit:
    document: Document
    snippet: SafeString | str = ""


@dataclass
class SearchPage:
    hits: list[SearchHit]
    total: int  # in the kind asked for (all kinds when none)
    counts: dict[str, int]  # per kind, whatever kind was asked for
    page: int
    per_page: int
    parsed: ParsedQuery
    vehicle: Vehicle | None = None
    kind: str = ""
    language: str = ""
    counts_list: list[tuple[str, str, int]] = field(default_factory=list)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def first_number(self) -> int:
        return (self.page - 1) * self.per_page + 1 if self.total else 0

    @property
    def last_number(self) -> int:
        return min(self.total, self.page * self.per_page)

    @property
    def all_kinds_total(self) -> int:
        return sum(self.counts.values())


def _filter_value(value: str, allowed: list[str], field: str) -> str:
    value = (value or "").strip()
    if value and value not in allowed:
        raise RuleViolation(
            codes.QUERY_INVALID,
            _("“%(value)s” is not one of: %(allowed)s.")
            % {"value": value[:30], "allowed": ", ".join(allowed)},
            field=field,
        )
    return value


def document_search(
    *,
    query: str = "",
    vehicle: Vehicle | None = None,
    kind: str = "",
    language: str = "",
    page: int = 1,
    per_page: int = PER_PAGE,
) -> SearchPage:
    """The active documents that match the words (stemmed, ranked) and name every typed number
    or code, valid for the vehicle, of the kind and language asked for; one page of them with
    highlighted snippets, and the counts per kind. Five queries with a vehicle and words: its
    options, the counts, the page's ids in order, their rows, the snippets.

    Only the page's ids are sorted by rank: the rows, with their current version, are read for
    those 20 alone (joined before the sort they were read for every hit), and the snippets are
    made for them alone."""
    parsed = query_parse(query)
    kind = _filter_value(kind, list(DocumentKind.values), "kind")
    language = _filter_value(language, list(DocumentLanguage.values), "language")
    per_page = max(1, min(per_page, MAX_PER_PAGE))
    documents: QuerySet[Document] = Document.objects.filter(
        state=Document.State.ACTIVE, current_version__isnull=False
    )
    if vehicle is not None:
        documents = documents.filter(valid_for(vehicle))
    if language:
        documents = documents.filter(language=language)
    for key in parsed.keys:
        # Uses document_link_key_idx: linked by the operator or named in the text.
        documents = documents.filter(
            pk__in=DocumentLink.objects.filter(key=key).values("document_id")
        )
    search = backend()
    if parsed.words:
        documents = search.match(
            documents, parsed.words, [language] if language else list(DocumentLanguage.values)
        )
        order = ["-rank", "title", "pk"]
    else:
        order = ["kind", "title", "pk"]
    counts = {
        row["kind"]: row["n"] for row in documents.order_by().values("kind").annotate(n=Count("pk"))
    }
    total = counts.get(kind, 0) if kind else sum(counts.values())
    if kind:
        documents = documents.filter(kind=kind)
    pages = max(1, -(-total // per_page))
    page = max(1, min(page, pages))
    start = (page - 1) * per_page
    ids = list(documents.order_by(*order).values_list("pk", flat=True)[start : start + per_page])
    rows = (
        Document.objects.select_related("current_version")
        .defer("search_vector", "current_version__text")  # the snippets read `body`
        .in_bulk(ids)
    )
    found = [rows[pk] for pk in ids if pk in rows]
    snippets = search.snippets(found, parsed.words) if parsed.words else {}
    hits = [SearchHit(document, snippets.get(document.pk, "")) for document in found]
    counts_list = [
        (value, str(label), counts.get(value, 0)) for value, label in DocumentKind.choices
    ]
    return SearchPage(
        hits=hits,
        total=total,
        counts=counts,
        page=page,
        per_page=per_page,
        parsed=parsed,
        vehicle=vehicle,
        kind=kind,
        language=language,
        counts_list=counts_list,
    )


# --- The user's own: bookmarks, recently opened ----------------------------------------------------


def bookmarks_of(*, user: User) -> list[Bookmark]:
    """The user's bookmarks, newest first, withdrawn documents included (shown as such)."""
    return list(
        Bookmark.objects.filter(user=user)
        .select_related("document", "document__current_version")
        .order_by("-created_at")
    )


def is_bookmarked(*, user: User, document: Document) -> bool:
    return Bookmark.objects.filter(user=user, document=document).exists()


def recently_opened(*, user: User, limit: int = 10) -> list[tuple[Document, datetime]]:
    """The last documents the user opened (each once, with when), active ones only. Reads the
    user's last openings by document_opening_user_idx, never the whole log."""
    latest: dict[int, datetime] = {}
    for document_id, opened_at in (
        DocumentOpening.objects.filter(user=user)
        .order_by("-opened_at")
        .values_list("document_id", "opened_at")[: limit * 20]
    ):
        latest.setdefault(document_id, opened_at)
        if len(latest) >= limit:
            break
    documents = Document.objects.filter(pk__in=latest, state=Document.State.ACTIVE).select_related(
        "current_version"
    )
    by_id = {document.pk: document for document in documents}
    return [(by_id[pk], when) for pk, when in latest.items() if pk in by_id]


# --- The operator's access statistics -----------------------------------------------------------


@dataclass(frozen=True)
class OpeningStatistics:
    since: date
    until: date
    total: int
    users: int
    organisations: int
    by_channel: list[tuple[str, int]]
    by_kind: list[tuple[str, int]]
    top_documents: list[tuple[Document, int]]
    by_organisation: list[tuple[str, int]]
    per_day: list[tuple[date, int]]


def openings_between(since: date, until: date) -> QuerySet[DocumentOpening]:
    """The openings from `since` to `until` (both whole days, local time); uses
    document_opening_time_idx."""
    from django.utils import timezone

    start = timezone.make_aware(datetime.combine(since, datetime.min.time()))
    end = timezone.make_aware(datetime.combine(until + timedelta(days=1), datetime.min.time()))
    return DocumentOpening.objects.filter(opened_at__gte=start, opened_at__lt=end)


def opening_statistics(*, since: date, until: date, top: int = 20) -> OpeningStatistics:
    openings = openings_between(since, until)
    channels = dict(DocumentOpening.Channel.choices)
    kinds = dict(DocumentKind.choices)
    by_channel = [
        (str(channels.get(row["channel"], row["channel"])), row["n"])
        for row in openings.values("channel").annotate(n=Count("pk")).order_by("-n")
    ]
    by_kind = [
        (str(kinds.get(row["document__kind"], row["document__kind"])), row["n"])
        for row in openings.values("document__kind").annotate(n=Count("pk")).order_by("-n")
    ]
    top_rows = list(
        openings.values("document_id").annotate(n=Count("pk")).order_by("-n", "document_id")[:top]
    )
    documents = Document.objects.in_bulk([row["document_id"] for row in top_rows])
    by_organisation = [
        (row["organisation__name"] or _("(no organisation)"), row["n"])
        for row in openings.values("organisation__name")
        .annotate(n=Count("pk"))
        .order_by("-n")[:top]
    ]
    per_day = Counter(
        {
            row["day"]: row["n"]
            for row in openings.annotate(day=TruncDate("opened_at"))
            .values("day")
            .annotate(n=Count("pk"))
            .order_by("day")
        }
    )
    return OpeningStatistics(
        since=since,
        until=until,
        total=openings.count(),
        users=openings.values("user_id").distinct().count(),
        organisations=openings.exclude(organisation=None)
        .values("organisation_id")
        .distinct()
        .count(),
        by_channel=by_channel,
        by_kind=by_kind,
        top_documents=[(documents[row["document_id"]], row["n"]) for row in top_rows],
        by_organisation=by_organisation,
        per_day=sorted(per_day.items()),
    )
