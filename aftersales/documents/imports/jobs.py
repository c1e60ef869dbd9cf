"""Running an import: the upload becomes a `DocumentImport` row and a background task
(aftersales.portal.imports: django-tasks, enqueued when the upload is committed); the task reads
the ZIP line by line of the manifest, writes each document in its own transaction, and puts its
progress and rejects on the row, which the import page polls. Each new version is then indexed
by its own task."""

from __future__ import annotations

from datetime import date
from typing import IO, TYPE_CHECKING

from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from aftersales import clock
from aftersales.portal.errors import RuleViolation
from aftersales.portal.imports import (
    JobProgress,
    import_job_create,
    import_job_run,
    rejects_as_dicts,
)

from .. import services
from ..limits import import_too_large, limit
from ..models import Document, DocumentImport, DocumentVersion
from ..rows import COLUMNS, document_data
from ..rules import duplicate_line
from .archive import Archive, name_clean
from .manifest import ImportResult, Progress, manifest_rows

if TYPE_CHECKING:
    from aftersales.accounts.models import User


def documents_import(
    *,
    stream: IO[bytes],
    actor: User | None,
    on_progress: Progress | None = None,
    index_now: bool = False,
    today: date | None = None,
) -> ImportResult:
    """Imports a ZIP: IR-0021 if it cannot be read at all; otherwise every good line is a new
    document or version and every bad one a reject with its line number."""
    today = today or clock.today()
    archive = Archive(stream)
    try:
        total, rows = manifest_rows(archive.read_manifest(), set(COLUMNS))
        result = ImportResult()
        if on_progress:
            on_progress(0, total)
        seen: dict[tuple[str, str], int] = {}
        used: set[str] = set()
        for line, row in rows:
            result.rows += 1
            value = (row.get("number") or row.get("file") or "").strip()
            try:
                data = document_data(row, today=today)
                key = (data.number, data.version)
                if key in seen:
                    raise duplicate_line(seen[key])
                seen[key] = line
                name = name_clean(row.get("file", ""))
                upload = archive.open_member(name)
                used.add(name)
                _write(data, upload, name, actor, result, index_now=index_now)
            except RuleViolation as violation:
                result.reject(line, value, str(violation))
            if on_progress:
                on_progress(result.rows, total)
        result.ignored_files = archive.names_not_in(used)
    finally:
        archive.close()
    return result


def _write(
    data: services.DocumentData,
    upload: File,
    file_name: str,
    actor: User | None,
    result: ImportResult,
    *,
    index_now: bool,
) -> None:
    document = Document.objects.filter(number=data.number).first()
    if document is None:
        services.document_create(
            actor=actor, data=data, upload=upload, file_name=file_name, index_now=index_now
        )
        result.created += 1
        return
    existing = DocumentVersion.objects.filter(document=document, version=data.version).first()
    if existing is not None and existing.sha256 == services.file_digest(upload):
        result.unchanged += 1
        return
    with transaction.atomic():
        services.document_version_add(
            actor=actor,
            document=document,
            upload=upload,
            file_name=file_name,
            version=data.version,
            valid_from=data.valid_from,
            note=data.note,
            index_now=index_now,
        )
        services.document_describe(document=document, data=data)
    result.replaced += 1


# --- The back office's upload and its background task -------------------------------------------


def document_import_create(*, upload: UploadedFile, actor: User) -> DocumentImport:
    """Stores the upload (outside any public URL) and queues its import; IR-0020 when the file
    is over the limit (the upload handler has stopped reading it by then)."""
    size = upload.size or 0
    if size > limit("DOCUMENT_IMPORT_MAX_BYTES"):
        raise import_too_large(size)
    from ..tasks import document_import_task  # the task module imports this one

    return import_job_create(
        DocumentImport, upload=upload, actor=actor, task=document_import_task, suffix="zip"
    )


def document_import_run(*, import_id: int) -> DocumentImport:
    """Runs one queued import (the task calls it). A ZIP that cannot be read fails the import
    with the reason; what was imported before a crash stays (each line is committed). The
    progress counts the manifest's lines, not the ZIP's bytes (its members are read out of
    order)."""
    job = DocumentImport.objects.select_related("created_by").get(pk=import_id)

    def read(stream: IO[bytes], progress: JobProgress) -> ImportResult:
        progress.update(done=0, total=0)  # lines from now on, not the upload's bytes

        def lines(done: int, total: int) -> None:
            progress.update(done=done, total=total, lines=done)

        return documents_import(stream=stream, actor=job.created_by, on_progress=lines)

    return import_job_run(job, read=read, record=_record)


def _record(job: DocumentImport, result: ImportResult) -> None:
    job.created, job.replaced, job.unchanged = result.created, result.replaced, result.unchanged
    job.rejected, job.ignored_files = len(result.rejected), result.ignored_files
    job.rejects = rejects_as_dicts(result.rejected)
    job.progress_done = job.progress_total = job.lines_read = result.rows
