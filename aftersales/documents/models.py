"""Information research: the manufacturer's repair and maintenance information (RMI) as
documents, found by words and by vehicle.

- A `Document` is one piece of information under a stable number (kind, title, language). Its
  file comes in versions (`DocumentVersion`); the newest is the current one, the older ones stay
  as a trail. Withdrawing a document takes it out of every search and page; nothing is deleted.
- Validity (`DocumentValidity`): a document without rows is valid for every vehicle; otherwise it
  is valid for a vehicle when one row matches all its filled-in criteria.
- Links (`DocumentLink`) name a fault code, a campaign, a labour operation or a part by kind and
  key; the operator sets them, the indexer adds those the text names. Other applications show a
  key's documents through `templatetags/documents_tags.py` and never read these tables.
- Every opening is logged (`DocumentOpening`): who, when, which document and version, how.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from aftersales import clock
from aftersales.portal.imports import ImportJob
from aftersales.vehicles.models import VehicleBrand


class DocumentKind(models.TextChoices):
    REPAIR_INSTRUCTION = "repair_instruction", _("Repair instruction")
    SERVICE_BULLETIN = "service_bulletin", _("Technical service bulletin")
    WIRING_DIAGRAM = "wiring_diagram", _("Wiring diagram")
    INSPECTION_SHEET = "inspection_sheet", _("Inspection sheet")
    MANUAL = "manual", _("Manual")


class DocumentLanguage(models.TextChoices):
    ENGLISH = "en", _("English")
    DANISH = "da", _("Danish")
    GERMAN = "de", _("German")


# The PostgreSQL text-search configuration of each language: stemming and stop words.
SEARCH_CONFIGS = {"en": "english", "da": "danish", "de": "german"}


class LinkKind(models.TextChoices):
    FAULT_CODE = "fault_code", _("Fault code")
    CAMPAIGN = "campaign", _("Technical campaign")
    LABOUR_OPERATION = "labour_operation", _("Labour operation")
    PART = "part", _("Part")
    TOOL = "tool", _("Special tool")


class Document(models.Model):
    class State(models.TextChoices):
        ACTIVE = "active", _("Active")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    number = models.CharField(
        _("Document number"), max_length=30, help_text=_('e.g. "RA 11 42 050" or "SI B 13 04 21"')
    )
    kind = models.CharField(_("Kind"), max_length=20, choices=DocumentKind.choices)
    title = models.CharField(_("Title"), max_length=300)
    language = models.CharField(
        _("Language"), max_length=2, choices=DocumentLanguage.choices, default="en"
    )
    state = models.CharField(
        _("State"), max_length=10, choices=State.choices, default=State.ACTIVE, editable=False
    )
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True, editable=False)
    withdrawn_reason = models.CharField(_("reason"), max_length=300, blank=True, editable=False)
    current_version = models.ForeignKey(
        "DocumentVersion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("current version"),
    )
    # Kept by the services: no validity rows, so valid for every vehicle (the search then needs
    # no look at DocumentValidity for this document).
    valid_for_all = models.BooleanField(_("valid for every vehicle"), default=True, editable=False)
    # Security-related repair information (SERMI: anti-theft, immobiliser, keys): opened only
    # by persons the catalogue's security_access admits; every opening is logged there too.
    security_related = models.BooleanField(
        _("security-related"),
        default=False,
        help_text=_(
            "Anti-theft, immobiliser or key information: only users with a valid "
            "security-related authorisation and a second factor may open it."
        ),
    )
    # The current version's text, copied by the indexer: the search and its snippets read it.
    # On PostgreSQL it and the vector live in the TOAST table (toast_tuple_target, migration
    # 0005): the row the search visits for each hit stays a few hundred bytes.
    body = models.TextField(_("text"), blank=True, editable=False)
    # PostgreSQL only (title and number weighted A, text B, in the document's language), kept by
    # the indexer (search/postgres.py). One GIN index per language, partial (`WHERE language =
    # 'en'`, migration 0005; SQLite skips it and searches an FTS5 table instead): the search's
    # `language = 'en' AND search_vector @@ <English query>` is then answered by the index alone,
    # with no recheck of each hit's vector, and ANDed with the vehicle's documents before a row
    # is read (document_search()).
    search_vector = SearchVectorField(null=True, editable=False)
    created_at = models.DateTimeField(_("created at"), default=clock.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), default=clock.now, editable=False)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["number"]
        constraints = [
            # The manifest import finds a document by its number (a new version or a new one).
            models.UniqueConstraint(fields=["number"], name="document_number_unique"),
            models.CheckConstraint(
                condition=Q(state="active", withdrawn_at__isnull=True)
                | Q(state="withdrawn", withdrawn_at__isnull=False),
                name="document_withdrawn_has_time",
            ),
        ]
        indexes = [
            # document_search(): the active documents of a kind and language (counts per kind).
            models.Index(fields=["state", "kind", "language"], name="document_state_kind_idx"),
            # document_search() with a vehicle (selectors.valid_for): the documents valid for
            # every vehicle, ORed with those its validity rows name, ANDed with the words' hits.
            models.Index(
                fields=["id"], condition=Q(valid_for_all=True), name="document_valid_for_all_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def is_active(self) -> bool:
        return self.state == self.State.ACTIVE

    @property
    def search_config(self) -> str:
        return SEARCH_CONFIGS.get(self.language, "simple")


def version_upload_to(instance: DocumentVersion, filename: str) -> str:
    """Our own name, never the uploader's: documents/<document>/<version id>.<type>. MEDIA_ROOT
    is not served; files leave only through the access-checked views and API."""
    extension = {"pdf": ".pdf", "html": ".html"}.get(instance.file_type, "")
    if instance.file_type == "image":
        extension = "." + instance.content_type.rsplit("/", 1)[-1]
    return f"documents/{instance.document_id}/{instance.pk}{extension}"


class DocumentVersion(models.Model):
    class FileType(models.TextChoices):
        PDF = "pdf", "PDF"
        HTML = "html", "HTML"
        IMAGE = "image", _("Image")

    class TextState(models.TextChoices):
        PENDING = "pending", _("Being indexed")
        INDEXED = "indexed", _("Searchable")
        NO_TEXT = "no_text", _("No searchable text")
        FAILED = "failed", _("Text could not be read")

    document = models.ForeignKey(
        Document, on_delete=models.PROTECT, related_name="versions", verbose_name=_("document")
    )
    version = models.CharField(_("Version"), max_length=20)
    valid_from = models.DateField(_("Valid from"))
    note = models.CharField(_("What changed"), max_length=300, blank=True)
    file = models.FileField(_("file"), upload_to=version_upload_to, max_length=200)
    file_name = models.CharField(_("file name"), max_length=255)
    file_type = models.CharField(_("file type"), max_length=10, choices=FileType.choices)
    content_type = models.CharField(_("content type"), max_length=50)
    size_bytes = models.PositiveBigIntegerField(_("size (bytes)"), default=0)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    pages = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    text = models.TextField(_("extracted text"), blank=True, editable=False)
    text_state = models.CharField(
        _("text"), max_length=10, choices=TextState.choices, default=TextState.PENDING
    )
    text_error = models.CharField(_("indexing error"), max_length=300, blank=True)
    indexed_at = models.DateTimeField(_("indexed at"), null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=clock.now)

    class Meta:
        verbose_name = _("document version")
        verbose_name_plural = _("document versions")
        ordering = ["document", "-uploaded_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["document", "version"], name="document_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.document.number} v{self.version}"

    @property
    def is_searchable_text(self) -> bool:
        return self.text_state == self.TextState.INDEXED


class DocumentValidity(models.Model):
    """One set of criteria; every filled-in criterion must match the vehicle's central data
    (text criteria in capitals). An option code needs the vehicle to have that option."""

    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="validity", verbose_name=_("document")
    )
    brand = models.CharField(_("brand"), max_length=20, choices=VehicleBrand.choices, blank=True)
    series = models.CharField(_("Series"), max_length=10, blank=True)
    model_code = models.CharField(_("Model"), max_length=10, blank=True)
    engine_type = models.CharField(_("Engine type"), max_length=20, blank=True)
    produced_from = models.DateField(_("produced from"), null=True, blank=True)
    produced_to = models.DateField(_("produced until"), null=True, blank=True)
    option_code = models.CharField(_("option"), max_length=10, blank=True)

    class Meta:
        verbose_name = _("validity")
        verbose_name_plural = _("validity (vehicles)")
        ordering = ["document", "brand", "series", "model_code", "engine_type", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(produced_from__isnull=True)
                | Q(produced_to__isnull=True)
                | Q(produced_to__gte=models.F("produced_from")),
                name="document_validity_period_ordered",
            ),
        ]
        indexes = [
            # document_search() with a vehicle (selectors.valid_for): the rows that match its
            # series and engine, with every other criterion and the document in the index (on
            # PostgreSQL an index-only scan; SQLite has no INCLUDE and indexes the two columns).
            models.Index(
                fields=["series", "engine_type"],
                include=[
                    "model_code",
                    "brand",
                    "produced_from",
                    "produced_to",
                    "option_code",
                    "document",
                ],
                name="document_validity_vehicle_idx",
            ),
        ]

    def __str__(self) -> str:
        parts = [
            self.get_brand_display() if self.brand else "",
            self.series,
            self.model_code,
            self.engine_type,
            self.option_code,
        ]
        period = ""
        if self.produced_from or self.produced_to:
            start = self.produced_from.isoformat() if self.produced_from else "…"
            end = self.produced_to.isoformat() if self.produced_to else "…"
            period = f"{start} – {end}"
        return " ".join(p for p in [*parts, period] if p) or str(_("every vehicle"))

    def save(self, *args: Any, **kwargs: Any) -> None:
        for name in ("series", "model_code", "engine_type", "option_code"):
            setattr(self, name, getattr(self, name).strip().upper())
        super().save(*args, **kwargs)


class DocumentLink(models.Model):
    """The document concerns this fault code, campaign, labour operation or part. `key` is the
    compared form (no spaces, dots or dashes, capitals), `label` the form shown."""

    class Source(models.TextChoices):
        MANUAL = "manual", _("set by the operator")
        TEXT = "text", _("named in the text")

    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="links", verbose_name=_("document")
    )
    kind = models.CharField(_("Kind"), max_length=20, choices=LinkKind.choices)
    key = models.CharField(_("key"), max_length=30, editable=False)
    label = models.CharField(_("Number or code"), max_length=40)
    source = models.CharField(
        _("source"), max_length=10, choices=Source.choices, default=Source.MANUAL, editable=False
    )

    class Meta:
        verbose_name = _("link")
        verbose_name_plural = _("links (fault codes, campaigns, operations, parts, tools)")
        ordering = ["document", "kind", "key"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "kind", "key"], name="document_link_unique"
            ),
        ]
        indexes = [
            # documents_for(kind, key) and a typed number in the search.
            models.Index(fields=["key", "kind"], name="document_link_key_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.label}"


class Bookmark(models.Model):
    """A user's own bookmark; nobody else sees it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("user"),
    )
    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="+", verbose_name=_("document")
    )
    created_at = models.DateTimeField(_("bookmarked at"), default=clock.now)

    class Meta:
        verbose_name = _("bookmark")
        verbose_name_plural = _("bookmarks")
        ordering = ["-created_at"]
        constraints = [
            # Also serves bookmarks_of(user), newest first through the ordering.
            models.UniqueConstraint(fields=["user", "document"], name="bookmark_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.document_id}"


class DocumentOpening(models.Model):
    """Who opened which document when, and how: the access log the RMI rules expect. Never
    changed or deleted by the portal."""

    class Channel(models.TextChoices):
        PAGE = "page", _("Document page")
        FILE = "file", _("File shown")
        DOWNLOAD = "download", _("File downloaded")
        API = "api", _("API")

    document = models.ForeignKey(
        Document, on_delete=models.PROTECT, related_name="+", verbose_name=_("document")
    )
    version = models.ForeignKey(
        DocumentVersion,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("version"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("user")
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    channel = models.CharField(_("how"), max_length=10, choices=Channel.choices)
    opened_at = models.DateTimeField(_("opened at"), default=clock.now)

    class Meta:
        verbose_name = _("document opening")
        verbose_name_plural = _("document openings (access log)")
        ordering = ["-opened_at"]
        indexes = [
            # recently_opened(user).
            models.Index(fields=["user", "-opened_at"], name="document_opening_user_idx"),
            # opening_statistics(since, until) and the back office's log by date.
            models.Index(fields=["opened_at"], name="document_opening_time_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.opened_at:%Y-%m-%d %H:%M} {self.user_id} {self.document_id}"


class DocumentImport(ImportJob):
    """One ZIP with a manifest the back office uploaded, read by `tasks.document_import_task`
    (aftersales.portal.imports); the import page polls its progress (manifest lines read of the
    manifest's lines) and line-numbered rejects."""

    # Outside any public URL; deleted when the import ends.
    file = models.FileField(_("file"), upload_to="document-imports/", blank=True)
    created = models.PositiveIntegerField(_("documents created"), default=0)
    replaced = models.PositiveIntegerField(_("new versions"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    ignored_files = models.PositiveIntegerField(_("files not in the manifest"), default=0)

    class Meta(ImportJob.Meta):
        verbose_name = _("document import")
        verbose_name_plural = _("document imports")

    def __str__(self) -> str:
        return self.file_name
