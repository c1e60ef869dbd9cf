"""An upload of the back office becomes a `PartsImport` row and a background task
(django-tasks, enqueued when the upload is committed); the task streams the stored file and
writes its progress and rejects onto the row, which the import page polls."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import IO

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from aftersales import clock
from aftersales.accounts.models import User
from aftersales.portal.errors import RuleViolation

from ..models import PartsImport
from .bmecat import bmecat_import
from .catalogue import catalogue_import
from .common import MAX_REPORTED, ImportResult, Progress, max_upload_bytes, too_large
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


@transaction.atomic
def parts_import_create(*, kind: str, upload: UploadedFile, actor: User) -> PartsImport:
    """Stores the upload (outside any public URL) and queues its import; EPC-0020 when the
    file is over the limit (the upload handler has stopped reading it by then)."""
    size = upload.size or 0
    if size > max_upload_bytes():
        raise too_large(size)
    job = PartsImport.objects.create(
        kind=kind,
        file_name=(upload.name or "upload")[:200],
        size_bytes=size,
        created_by=actor,
    )
    job.file.save(f"{job.pk}.dat", upload, save=True)
    from ..tasks import parts_import_task  # the task module imports this one

    transaction.on_commit(partial(parts_import_task.enqueue, import_id=job.pk))
    return job


def _progress(job_id: int, bytes_read: int, lines: int) -> None:
    PartsImport.objects.filter(pk=job_id).update(processed_bytes=bytes_read, lines_read=lines)


def parts_import_run(*, import_id: int) -> PartsImport:
    """Runs one queued import; a file that cannot be read at all fails the import with the
    reason, what was imported before stays (each batch is committed)."""
    job = PartsImport.objects.get(pk=import_id)
    if job.state != PartsImport.State.QUEUED:
        return job
    PartsImport.objects.filter(pk=job.pk).update(state=PartsImport.State.RUNNING)
    try:
        with job.file.open("rb") as stream:
            result = parts_import_file(
                kind=job.kind, stream=stream, on_progress=partial(_progress, job.pk)
            )
    except RuleViolation as violation:
        job.state, job.error = PartsImport.State.FAILED, str(violation)
    except Exception as error:  # the row must not stay "running"; the task records the error
        job.state, job.error = PartsImport.State.FAILED, f"{type(error).__name__}: {error}"
        _finish(job)
        raise
    else:
        job.state = PartsImport.State.DONE
        job.created, job.updated, job.unchanged = result.created, result.updated, result.unchanged
        job.rejected = len(result.rejected)
        job.rejects = [reject.as_dict() for reject in result.rejected[:MAX_REPORTED]]
        job.lines_read, job.processed_bytes = result.lines, job.size_bytes
        job.error = " ".join(result.notes)
    _finish(job)
    return job


def _finish(job: PartsImport) -> None:
    job.finished_at = clock.now()
    job.file.delete(save=False)  # the upload is not kept once it has been read
    job.save()
