"""An upload of the back office becomes a `CampaignImport` row and a background task; the task
streams the stored file and writes its progress and rejects onto the row, which the import page
polls (aftersales.portal.imports)."""

from __future__ import annotations

from typing import IO

from django.core.files.uploadedfile import UploadedFile

from aftersales.accounts.models import User
from aftersales.portal.imports import (
    JobProgress,
    import_job_create,
    import_job_run,
    rejects_as_dicts,
)

from ..models import Campaign, CampaignImport
from .common import ImportResult, max_upload_bytes, too_large
from .nhtsa import nhtsa_import
from .vins import campaign_vins_import


def campaign_import_create(
    *,
    kind: str,
    upload: UploadedFile,
    actor: User,
    campaign: Campaign | None = None,
    publish: bool = False,
) -> CampaignImport:
    """Stores the upload (outside any public URL) and queues its import; TC-0020 when the file
    is over the limit (the upload handler has stopped reading it by then)."""
    size = upload.size or 0
    if size > max_upload_bytes():
        raise too_large(size)
    from ..tasks import campaign_import_task  # the task module imports this one

    return import_job_create(
        CampaignImport,
        upload=upload,
        actor=actor,
        task=campaign_import_task,
        suffix="txt",
        kind=kind,
        campaign=campaign,
        publish=publish,
    )


def campaign_import_run(*, import_id: int) -> CampaignImport:
    """Runs one queued import (the task calls it); a file that cannot be read at all fails the
    import with the reason, what was imported before stays (each batch is committed)."""
    job = CampaignImport.objects.select_related("campaign").get(pk=import_id)

    def read(stream: IO[bytes], progress: JobProgress) -> ImportResult:
        if job.kind == CampaignImport.Kind.VINS:
            assert job.campaign is not None
            return campaign_vins_import(
                campaign=job.campaign, stream=stream, on_progress=progress.bytes_and_lines
            )
        return nhtsa_import(
            stream=stream, publish=job.publish, on_progress=progress.bytes_and_lines
        )

    return import_job_run(job, read=read, record=_record)


def _record(job: CampaignImport, result: ImportResult) -> None:
    job.imported, job.updated, job.unchanged = result.imported, result.updated, result.unchanged
    job.skipped, job.rejected = result.skipped, len(result.rejected)
    job.rejects = rejects_as_dicts(result.rejected)
    job.lines_read = result.lines
