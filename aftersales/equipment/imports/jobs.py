"""An upload of the back office becomes a `ToolImport` row and a background task
(django-tasks, enqueued when the upload is committed); the task streams the stored file and
writes its progress and rejects onto the row, which the import page polls."""

from __future__ import annotations

from functools import partial

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from aftersales import clock
from aftersales.accounts.models import User
from aftersales.portal.errors import RuleViolation

from ..models import ToolImport
from .common import MAX_REPORTED, max_upload_bytes, too_large, unusable
from .run import tool_catalogue_import


def upload_format(name: str) -> str:
    """csv or xlsx by the file name; EQ-0041 for anything else (e.g. an old .xls)."""
    lowered = name.lower()
    if lowered.endswith(".xlsx"):
        return ToolImport.Format.XLSX
    if lowered.endswith((".csv", ".txt")):
        return ToolImport.Format.CSV
    raise unusable(
        _("Please upload a CSV file (.csv, .txt) or an Excel workbook (.xlsx); .xls is not read.")
    )


@transaction.atomic
def tool_import_create(*, upload: UploadedFile, actor: User) -> ToolImport:
    """Stores the upload (outside any public URL) and queues its import; EQ-0040 when the file
    is over the limit, EQ-0041 when it is neither CSV nor XLSX."""
    size = upload.size or 0
    if size > max_upload_bytes():
        raise too_large(size)
    name = (upload.name or "upload")[:200]
    kind = upload_format(name)
    job = ToolImport.objects.create(
        format=kind, file_name=name, size_bytes=size, progress_total=size, created_by=actor
    )
    job.file.save(f"{job.pk}.{kind}", upload, save=True)
    from ..tasks import tool_import_task  # the task module imports this one

    transaction.on_commit(partial(tool_import_task.enqueue, import_id=job.pk))
    return job


def _progress(job_id: int, done: int, total: int) -> None:
    ToolImport.objects.filter(pk=job_id).update(progress_done=done, progress_total=total)


def tool_import_run(*, import_id: int) -> ToolImport:
    """Runs one queued import (the task calls it); a file that cannot be read at all fails the
    import with the reason."""
    job = ToolImport.objects.get(pk=import_id)
    if job.state != ToolImport.State.QUEUED:
        return job
    ToolImport.objects.filter(pk=job.pk).update(state=ToolImport.State.RUNNING)
    try:
        with job.file.open("rb") as stream:
            result = tool_catalogue_import(
                stream=stream,
                format=job.format,
                size=job.size_bytes,
                on_progress=partial(_progress, job.pk),
            )
    except RuleViolation as violation:
        job.state, job.error = ToolImport.State.FAILED, str(violation)
    except Exception as error:  # the row must not stay "running"; the task records the error
        job.state, job.error = ToolImport.State.FAILED, f"{type(error).__name__}: {error}"
        _finish(job)
        raise
    else:
        job.state = ToolImport.State.DONE
        job.created, job.updated, job.unchanged = result.created, result.updated, result.unchanged
        job.rejected = len(result.rejected)
        job.rejects = [reject.as_dict() for reject in result.rejected[:MAX_REPORTED]]
        job.lines_read = result.lines
    _finish(job)
    return job


def _finish(job: ToolImport) -> None:
    job.finished_at = clock.now()
    job.file.delete(save=False)  # the upload is not kept once it has been read
    job.save()
