"""An upload of the back office becomes a `ToolImport` row and a background task; the task
streams the stored file and writes its progress and rejects onto the row, which the import page
polls (aftersales.portal.imports)."""

from __future__ import annotations

from typing import IO

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from aftersales.accounts.models import User
from aftersales.portal.imports import (
    JobProgress,
    import_job_create,
    import_job_run,
    rejects_as_dicts,
)

from ..models import ToolImport
from .common import ImportResult, max_upload_bytes, too_large, unusable
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


def tool_import_create(*, upload: UploadedFile, actor: User) -> ToolImport:
    """Stores the upload (outside any public URL) and queues its import; EQ-0040 when the file
    is over the limit, EQ-0041 when it is neither CSV nor XLSX."""
    size = upload.size or 0
    if size > max_upload_bytes():
        raise too_large(size)
    kind = upload_format(upload.name or "upload")
    from ..tasks import tool_import_task  # the task module imports this one

    return import_job_create(
        ToolImport, upload=upload, actor=actor, task=tool_import_task, suffix=kind, format=kind
    )


def tool_import_run(*, import_id: int) -> ToolImport:
    """Runs one queued import (the task calls it); a file that cannot be read at all fails the
    import with the reason."""
    job = ToolImport.objects.get(pk=import_id)

    def read(stream: IO[bytes], progress: JobProgress) -> ImportResult:
        return tool_catalogue_import(
            stream=stream,
            format=job.format,
            size=job.size_bytes,
            on_progress=lambda done, total: progress.update(done=done, total=total),
        )

    return import_job_run(job, read=read, record=_record)


def _record(job: ToolImport, result: ImportResult) -> None:
    job.created, job.updated, job.unchanged = result.created, result.updated, result.unchanged
    job.rejected = len(result.rejected)
    job.rejects = rejects_as_dicts(result.rejected)
    job.lines_read = result.lines
