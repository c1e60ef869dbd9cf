"""An upload of the back office becomes a `PartsImport` row and a background task; the task
streams the stored file and writes its progress and rejects onto the row, which the import page
polls (aftersales.portal.imports)."""

from __future__ import annotations

from collections.abc import Callable
from typing import IO

from django.core.files.uploadedfile import UploadedFile

from aftersales.accounts.models import User
from aftersales.portal.imports import (
    JobProgress,
    import_job_create,
    import_job_run,
    rejects_as_dicts,
)

from ..models import PartsImport
from .bmecat import bmecat_import
from .catalogue import catalogue_import
from .common import ImportResult, Progress, max_upload_bytes, too_large
from .supersessions import supersessions_import

IMPORTERS: dict[str, Callable[..., ImportResult]] = {
    PartsImport.Kind.CATALOGUE: catalogue_import,
    PartsImport.Kind.SUPERSESSIONS: supersessions_import,
    PartsImport.Kind.PRICES: bmecat_import,
}


def parts_import_file(
    *, kind: str, stream: IO[bytes], on_progress: Progress | None = None
) -> ImportResult:
    """Runs one import of a stream (the task and the management command call it)."""
    return IMPORTERS[kind](stream=stream, on_progress=on_progress)


def parts_import_create(*, kind: str, upload: UploadedFile, actor: User) -> PartsImport:
    """Stores the upload (outside any public URL) and queues its import; EPC-0020 when the
    file is over the limit (the upload handler has stopped reading it by then)."""
    size = upload.size or 0
    if size > max_upload_bytes():
        raise too_large(size)
    from ..tasks import parts_import_task  # the task module imports this one

    return import_job_create(
        PartsImport, upload=upload, actor=actor, task=parts_import_task, suffix="dat", kind=kind
    )


def parts_import_run(*, import_id: int) -> PartsImport:
    """Runs one queued import; a file that cannot be read at all fails the import with the
    reason, what was imported before stays (each batch is committed)."""
    job = PartsImport.objects.get(pk=import_id)

    def read(stream: IO[bytes], progress: JobProgress) -> ImportResult:
        return parts_import_file(kind=job.kind, stream=stream, on_progress=progress.bytes_and_lines)

    return import_job_run(job, read=read, record=_record)


def _record(job: PartsImport, result: ImportResult) -> None:
    job.created, job.updated, job.unchanged = result.created, result.updated, result.unchanged
    job.rejected = len(result.rejected)
    job.rejects = rejects_as_dicts(result.rejected)
    job.lines_read = result.lines
    job.error = " ".join(result.notes)
