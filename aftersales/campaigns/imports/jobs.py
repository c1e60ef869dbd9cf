"""An upload of the back office becomes a `CampaignImport` row and a background task
(django-tasks, enqueued when the upload is committed); the task streams the stored file and
writes its progress and rejects onto the row, which the import page polls."""

from __future__ import annotations

from functools import partial

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from aftersales import clock
from aftersales.accounts.models import User
from aftersales.portal.errors import RuleViolation

from ..models import Campaign, CampaignImport
from .common import MAX_REPORTED, max_upload_bytes, too_large
from .nhtsa import nhtsa_import
from .vins import campaign_vins_import


@transaction.atomic
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
    job = CampaignImport.objects.create(
        kind=kind,
        campaign=campaign,
        file_name=(upload.name or "upload")[:200],
        size_bytes=size,
        created_by=actor,
        publish=publish,
    )
    job.file.save(f"{job.pk}.txt", upload, save=True)
    from ..tasks import campaign_import_task  # the task module imports this one

    transaction.on_commit(partial(campaign_import_task.enqueue, import_id=job.pk))
    return job


def _progress(job_id: int, bytes_read: int, lines: int) -> None:
    CampaignImport.objects.filter(pk=job_id).update(processed_bytes=bytes_read, lines_read=lines)


def campaign_import_run(*, import_id: int) -> CampaignImport:
    """Runs one queued import (the task calls it); a file that cannot be read at all fails the
    import with the reason, what was imported before stays (each batch is committed)."""
    job = CampaignImport.objects.select_related("campaign").get(pk=import_id)
    if job.state != CampaignImport.State.QUEUED:
        return job
    CampaignImport.objects.filter(pk=job.pk).update(state=CampaignImport.State.RUNNING)
    on_progress = partial(_progress, job.pk)
    try:
        with job.file.open("rb") as stream:
            if job.kind == CampaignImport.Kind.VINS:
                assert job.campaign is not None
                result = campaign_vins_import(
                    campaign=job.campaign, stream=stream, on_progress=on_progress
                )
            else:
                result = nhtsa_import(stream=stream, publish=job.publish, on_progress=on_progress)
    except RuleViolation as violation:
        job.state, job.error = CampaignImport.State.FAILED, str(violation)
    except Exception as error:  # the row must not stay "running"; the task records the error
        job.state, job.error = CampaignImport.State.FAILED, f"{type(error).__name__}: {error}"
        _finish(job)
        raise
    else:
        job.state = CampaignImport.State.DONE
        job.imported, job.updated, job.unchanged = result.imported, result.updated, result.unchanged
        job.skipped, job.rejected = result.skipped, len(result.rejected)
        job.rejects = [reject.as_dict() for reject in result.rejected[:MAX_REPORTED]]
        job.lines_read, job.processed_bytes = result.lines, job.size_bytes
    _finish(job)
    return job


def _finish(job: CampaignImport) -> None:
    job.finished_at = clock.now()
    job.file.delete(save=False)  # the upload is not kept once it has been read
    job.save()
