"""Writes of Information research: documents and their versions, validity and links, withdrawal,
the indexing of a version's text, bookmarks and the log of openings.

A new document or version is searchable by its number and title at once; its text follows when
the background task `document_index_task` has read it (seconds for a 100-page PDF).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import partial
from typing import TYPE_CHECKING, Any

from django.core.files import File
from django.db import transaction
from django.utils.translation import gettext as _

from aftersales import clock
from aftersales.portal.errors import RuleViolation

from . import codes, rules
from .extract import extract, sniff
from .limits import file_too_large, limit
from .models import (
    Bookmark,
    Document,
    DocumentLink,
    DocumentOpening,
    DocumentValidity,
    DocumentVersion,
)
from .search import backend

if TYPE_CHECKING:
    from aftersales.accounts.models import User


@dataclass(frozen=True)
class DocumentData:
    """What a document is besides its file: the back office's form and a manifest line give
    this, already read by `rules` (see rows.py)."""

    number: str
    kind: str
    title: str
    language: str
    version: str
    valid_from: date
    note: str = ""
    validity: Sequence[rules.Validity] = ()
    links: Sequence[rules.Link] = ()


# --- Files --------------------------------------------------------------------------------------


def _version_store(
    *,
    document: Document,
    upload: File[Any],
    file_name: str,
    version: str,
    valid_from: date,
    note: str,
    actor: User | None,
    now: datetime,
) -> DocumentVersion:
    size = upload.size or 0
    if size > limit("DOCUMENT_MAX_FILE_BYTES"):
        raise file_too_large(size)
    upload.seek(0)
    head = upload.read(4096)
    kind = sniff(head, file_name)
    sha256 = file_digest(upload)
    stored = DocumentVersion.objects.create(
        document=document,
        version=version,
        valid_from=valid_from,
        note=note[:300],
        file_name=file_name[-255:],
        file_type=kind.file_type,
        content_type=kind.content_type,
        size_bytes=size,
        sha256=sha256,
        uploaded_by=actor,
        uploaded_at=now,
    )
    # The name is ours (models.version_upload_to); the uploader's is only kept as file_name.
    stored.file.save(file_name or "document", upload, save=True)
    return stored


def file_digest(upload: File[Any]) -> str:
    """The SHA-256 of the file (read in chunks; the file is left at its start)."""
    upload.seek(0)
    digest = hashlib.sha256()
    while chunk := upload.read(1024 * 1024):
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def _index_later(version: DocumentVersion, *, index_now: bool) -> None:
    if index_now:
        document_index(version_id=version.pk)
        return
    from .tasks import document_index_task  # the task module imports this one

    transaction.on_commit(partial(document_index_task.enqueue, version_id=version.pk))


# --- Documents ----------------------------------------------------------------------------------


@transaction.atomic
def document_create(
    *,
    actor: User | None,
    data: DocumentData,
    upload: File[Any],
    file_name: str,
    index_now: bool = False,
    now: datetime | None = None,
) -> Document:
    """A new document with its first version; IR-0013 if the number exists, IR-0011/0012 for
    the file. Searchable by number and title at once, by its text once indexed."""
    now = now or clock.now()
    number = rules.number_clean(data.number)
    if Document.objects.filter(number=number).exists():
        raise RuleViolation(
            codes.NUMBER_TAKEN,
            _("Document %(number)s exists. Upload a new version of it instead.")
            % {"number": number},
            field="number",
        )
    document = Document.objects.create(
        number=number,
        kind=rules.kind_clean(data.kind),
        title=rules.title_clean(data.title),
        language=rules.language_clean(data.language),
        valid_for_all=not data.validity,
        created_at=now,
        updated_at=now,
    )
    _validity_write(document, data.validity)
    _links_write(document, data.links)
    version = _version_store(
        document=document,
        upload=upload,
        file_name=file_name,
        version=rules.version_clean(data.version),
        valid_from=data.valid_from,
        note=data.note,
        actor=actor,
        now=now,
    )
    document.current_version = version
    document.save(update_fields=["current_version"])
    backend().index(document)
    _index_later(version, index_now=index_now)
    return document


@transaction.atomic
def document_version_add(
    *,
    actor: User | None,
    document: Document,
    upload: File[Any],
    file_name: str,
    version: str,
    valid_from: date,
    note: str = "",
    index_now: bool = False,
    now: datetime | None = None,
) -> DocumentVersion:
    """Replaces the document's file by a new version, which becomes the current one (the older
    ones stay as its trail). IR-0015 for a withdrawn document, IR-0014 for a version name it
    already has."""
    now = now or clock.now()
    document = Document.objects.select_for_update().get(pk=document.pk)
    if not document.is_active:
        raise RuleViolation(
            codes.STATE_CONFLICT,
            _("Document %(number)s is withdrawn: reinstate it before adding a version.")
            % {"number": document.number},
        )
    name = rules.version_clean(version)
    if DocumentVersion.objects.filter(document=document, version=name).exists():
        raise RuleViolation(
            codes.VERSION_EXISTS,
            _("Document %(number)s already has a version %(version)s.")
            % {"number": document.number, "version": name},
            field="version",
        )
    stored = _version_store(
        document=document,
        upload=upload,
        file_name=file_name,
        version=name,
        valid_from=valid_from,
        note=note,
        actor=actor,
        now=now,
    )
    document.current_version = stored
    document.updated_at = now
    document.save(update_fields=["current_version", "updated_at"])
    _index_later(stored, index_now=index_now)
    return stored


@transaction.atomic
def document_update(
    *, document: Document, title: str, kind: str, language: str, now: datetime | None = None
) -> Document:
    """New title, kind or language (the back office's form); the search follows at once."""
    document.title = rules.title_clean(title)
    document.kind = rules.kind_clean(kind)
    document.language = rules.language_clean(language)
    document.updated_at = now or clock.now()
    document.save(update_fields=["title", "kind", "language", "updated_at"])
    backend().index(document)
    return document


@transaction.atomic
def document_describe(*, document: Document, data: DocumentData) -> Document:
    """A manifest line for a document the portal has: its title, kind, language, validity and
    the operator's links become what the line says."""
    document_update(document=document, title=data.title, kind=data.kind, language=data.language)
    document_validity_set(document=document, rows=data.validity)
    document_links_set(document=document, links=data.links)
    return document


def _validity_write(document: Document, rows: Sequence[rules.Validity]) -> None:
    DocumentValidity.objects.bulk_create(
        DocumentValidity(
            document=document,
            brand=row.brand,
            series=row.series.upper(),
            model_code=row.model_code.upper(),
            engine_type=row.engine_type.upper(),
            produced_from=row.produced_from,
            produced_to=row.produced_to,
            option_code=row.option_code.upper(),
        )
        for row in rows
        if not row.is_empty
    )


@transaction.atomic
def document_validity_set(*, document: Document, rows: Sequence[rules.Validity]) -> None:
    DocumentValidity.objects.filter(document=document).delete()
    _validity_write(document, rows)
    document_validity_refresh(document=document)


def document_validity_refresh(*, document: Document) -> None:
    """After the validity rows changed (the back office's inline too): valid for every vehicle
    exactly when it has none."""
    valid_for_all = not DocumentValidity.objects.filter(document=document).exists()
    if valid_for_all != document.valid_for_all:
        document.valid_for_all = valid_for_all
        document.save(update_fields=["valid_for_all"])


def _links_write(document: Document, links: Sequence[rules.Link]) -> None:
    for link in links:
        DocumentLink.objects.update_or_create(
            document=document,
            kind=link.kind,
            key=link.key,
            defaults={"label": link.label, "source": DocumentLink.Source.MANUAL},
        )


@transaction.atomic
def document_links_set(*, document: Document, links: Sequence[rules.Link]) -> None:
    """The operator's links replace the operator's links; those found in the text stay."""
    keep = {(link.kind, link.key) for link in links}
    stale = DocumentLink.objects.filter(document=document, source=DocumentLink.Source.MANUAL)
    for link in stale:
        if (link.kind, link.key) not in keep:
            link.delete()
    _links_write(document, links)


@transaction.atomic
def document_links_add(*, document: Document, links: Sequence[rules.Link]) -> None:
    """Adds links as the operator's, keeping every other link (e.g. another application's
    demo data naming the special tools a document needs)."""
    _links_write(document, links)


def _text_links_write(document: Document, text: str) -> None:
    DocumentLink.objects.filter(document=document, source=DocumentLink.Source.TEXT).delete()
    manual = set(DocumentLink.objects.filter(document=document).values_list("kind", "key"))
    DocumentLink.objects.bulk_create(
        [
            DocumentLink(
                document=document,
                kind=link.kind,
                key=link.key,
                label=link.label,
                source=DocumentLink.Source.TEXT,
            )
            for link in rules.links_in_text(text)
            if (link.kind, link.key) not in manual
        ],
        ignore_conflicts=True,
    )


@transaction.atomic
def document_withdraw(
    *, document: Document, reason: str = "", now: datetime | None = None
) -> Document:
    document = Document.objects.select_for_update().get(pk=document.pk)
    if not document.is_active:
        raise RuleViolation(
            codes.STATE_CONFLICT,
            _("Document %(number)s is already withdrawn.") % {"number": document.number},
        )
    document.state = Document.State.WITHDRAWN
    document.withdrawn_at = now or clock.now()
    document.withdrawn_reason = reason[:300]
    document.save(update_fields=["state", "withdrawn_at", "withdrawn_reason"])
    return document


@transaction.atomic
def document_reinstate(*, document: Document, now: datetime | None = None) -> Document:
    document = Document.objects.select_for_update().get(pk=document.pk)
    if document.is_active:
        raise RuleViolation(
            codes.STATE_CONFLICT,
            _("Document %(number)s is not withdrawn.") % {"number": document.number},
        )
    document.state = Document.State.ACTIVE
    document.withdrawn_at = None
    document.withdrawn_reason = ""
    document.updated_at = now or clock.now()
    document.save(update_fields=["state", "withdrawn_at", "withdrawn_reason", "updated_at"])
    return document


# --- Indexing -----------------------------------------------------------------------------------


def _read(version: DocumentVersion) -> tuple[str, int | None, str]:
    try:
        with version.file.open("rb") as stream:
            found = extract(stream, version.file_type)
    except OSError as error:
        return "", None, _("The file cannot be read: %(error)s") % {"error": error}
    return found.text, found.pages, found.error


def document_index(*, version_id: int, now: datetime | None = None) -> DocumentVersion:
    """Reads the version's text (outside any transaction: a 100-page PDF takes seconds), then
    stores it; when the version is the document's current one, its text becomes searchable and
    the numbers it names become links. A PDF without text is "no searchable text"."""
    version = DocumentVersion.objects.get(pk=version_id)
    text, pages, error = _read(version)
    if text:
        state = DocumentVersion.TextState.INDEXED
    elif error:
        state = DocumentVersion.TextState.FAILED
    else:
        state = DocumentVersion.TextState.NO_TEXT
    with transaction.atomic():
        document = Document.objects.select_for_update().get(pk=version.document_id)
        DocumentVersion.objects.filter(pk=version.pk).update(
            text=text,
            pages=pages,
            text_state=state,
            text_error=error[:300],
            indexed_at=now or clock.now(),
        )
        if document.current_version_id == version.pk:
            document.body = text
            document.save(update_fields=["body"])
            _text_links_write(document, text)
            backend().index(document)
    version.refresh_from_db()
    return version


# --- Bookmarks and openings ---------------------------------------------------------------------


def bookmark_add(*, user: User, document: Document, now: datetime | None = None) -> Bookmark:
    bookmark, _created = Bookmark.objects.get_or_create(
        user=user, document=document, defaults={"created_at": now or clock.now()}
    )
    return bookmark


def bookmark_remove(*, user: User, document: Document) -> bool:
    deleted, _counts = Bookmark.objects.filter(user=user, document=document).delete()
    return bool(deleted)


def document_opening_record(
    *, user: User, document: Document, channel: str, now: datetime | None = None
) -> DocumentOpening:
    """Logs that the user opened the document (its current version): page, file or API."""
    return DocumentOpening.objects.create(
        document=document,
        version_id=document.current_version_id,
        user=user,
        organisation_id=user.organisation_id,
        channel=channel,
        opened_at=now or clock.now(),
    )
