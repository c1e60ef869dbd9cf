"""What every back-office import shares (campaigns, parts, labour operations, documents, ...).

An upload becomes a row of the application's `ImportJob` subclass and a background task
(django-tasks, enqueued when the upload is committed): `import_job_create`. The task calls
`import_job_run`, which streams the stored file through the application's reader, writes the
progress onto the row while it reads (the import page polls it, `admin/import_status_base.html`)
and then the result with the first `MAX_REPORTED` line-numbered rejects. The upload is deleted
once it has been read. Readers read line by line (`numbered_lines`), never the whole file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import IO, Any, Protocol, TypeVar

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from aftersales import clock

from .errors import RuleViolation

MAX_REPORTED = 500  # rejects kept with their reason; the rest are only counted


class ImportJob(models.Model):
    """One upload of the back office and its background run. A subclass adds `file` (a
    FileField with its own `upload_to`, kept outside any public URL: MEDIA_ROOT is never
    served), its kind or format, and the counters of its result."""

    class State(models.TextChoices):
        QUEUED = "queued", gettext_lazy("Queued")
        RUNNING = "running", gettext_lazy("Running")
        DONE = "done", gettext_lazy("Done")
        FAILED = "failed", gettext_lazy("Failed")

    file_name = models.CharField(gettext_lazy("file name"), max_length=200)
    size_bytes = models.PositiveBigIntegerField(gettext_lazy("size (bytes)"), default=0)
    state = models.CharField(
        gettext_lazy("state"), max_length=10, choices=State.choices, default=State.QUEUED
    )
    # bytes read of size_bytes, or rows of a workbook: whatever the reader can count
    progress_done = models.PositiveBigIntegerField(gettext_lazy("read so far"), default=0)
    progress_total = models.PositiveBigIntegerField(gettext_lazy("to read"), default=0)
    lines_read = models.PositiveIntegerField(gettext_lazy("lines read"), default=0)
    rejected = models.PositiveIntegerField(gettext_lazy("rejected"), default=0)
    # [{"line": 3, "value": "…", "reason": "…"}], the first MAX_REPORTED of them.
    rejects = models.JSONField(gettext_lazy("rejected lines"), default=list, blank=True)
    error = models.TextField(gettext_lazy("error"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,  # who uploaded stays known; users are deactivated, not deleted
        null=True,
        related_name="+",
        verbose_name=gettext_lazy("uploaded by"),
    )
    created_at = models.DateTimeField(gettext_lazy("uploaded at"), default=clock.now)
    finished_at = models.DateTimeField(gettext_lazy("finished at"), null=True, blank=True)

    file: FieldFile  # declared by the subclass

    class Meta:
        abstract = True
        ordering = ["-created_at", "-id"]  # the newest first, also within one clock tick

    @property
    def percent(self) -> int:
        if self.state == self.State.DONE:
            return 100
        if not self.progress_total:
            return 0
        return min(99, self.progress_done * 100 // self.progress_total)

    @property
    def finished(self) -> bool:
        return self.state in (self.State.DONE, self.State.FAILED)


Job = TypeVar("Job", bound=ImportJob)


class Enqueueable(Protocol):
    def enqueue(self, *, import_id: int) -> Any: ...


def import_job_create(
    model: type[Job],
    *,
    upload: UploadedFile,
    actor: Any,
    task: Enqueueable,
    suffix: str = "upload",
    **fields: Any,
) -> Job:
    """Stores the upload (outside any public URL) and queues its import once committed. The
    caller has checked the size (its own FILE_TOO_LARGE code) before."""
    size = upload.size or 0
    with transaction.atomic():
        job = model._default_manager.create(
            file_name=(upload.name or "upload")[:200],
            size_bytes=size,
            progress_total=size,
            created_by=actor,
            **fields,
        )
        job.file.save(f"{job.pk}.{suffix}", upload, save=True)
        transaction.on_commit(partial(task.enqueue, import_id=job.pk))
    return job


@dataclass(frozen=True)
class JobProgress:
    """Handed to a reader while it runs: writes how far it got onto the job's row."""

    model: type[ImportJob]
    pk: int

    def update(self, *, done: int, total: int | None = None, lines: int | None = None) -> None:
        values: dict[str, int] = {"progress_done": done}
        if total is not None:
            values["progress_total"] = total
        if lines is not None:
            values["lines_read"] = lines
        self.model._default_manager.filter(pk=self.pk).update(**values)

    def bytes_and_lines(self, bytes_read: int, lines: int) -> None:
        """The `(bytes read, lines read)` callback of the line readers."""
        self.update(done=bytes_read, lines=lines)


def import_job_run(
    job: Job,
    *,
    read: Callable[[IO[bytes], JobProgress], Any],
    record: Callable[[Job, Any], None],
) -> Job:
    """Runs one queued import (the task calls it): `read(stream, progress)` reads the stored
    file and returns its result, `record(job, result)` copies the result's counters onto the
    job. A file that cannot be read at all (RuleViolation) fails the job with the reason; what
    was imported before stays (readers commit batch by batch). Any other error fails the job
    too and is raised again, for the task's own record."""
    model = type(job)
    if job.state != ImportJob.State.QUEUED:
        return job
    model._default_manager.filter(pk=job.pk).update(state=ImportJob.State.RUNNING)
    try:
        with job.file.open("rb") as stream:
            result = read(stream, JobProgress(model, job.pk))
    except RuleViolation as violation:
        job.state, job.error = ImportJob.State.FAILED, str(violation)
    except Exception as error:  # the row must not stay "running"
        job.state, job.error = ImportJob.State.FAILED, f"{type(error).__name__}: {error}"
        _finish(job)
        raise
    else:
        job.state = ImportJob.State.DONE
        job.progress_done = job.progress_total
        record(job, result)
    _finish(job)
    return job


def _finish(job: ImportJob) -> None:
    job.finished_at = clock.now()
    job.file.delete(save=False)  # the upload is not kept once it has been read
    job.save()


@dataclass
class Reject:
    """One line an import refused, with its number in the file."""

    line: int
    value: str
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}{f' ({self.value})' if self.value else ''}: {self.reason}"

    def as_dict(self) -> dict[str, object]:
        return {"line": self.line, "value": self.value, "reason": self.reason}


def rejects_as_dicts(rejected: list[Reject]) -> list[dict[str, object]]:
    return [reject.as_dict() for reject in rejected[:MAX_REPORTED]]


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def file_too_large(code: str, *, size: int, limit: int, command: str) -> RuleViolation:
    return RuleViolation(
        code,
        _(
            "The file is %(size)s; the back office imports files of at most %(limit)s. Nothing "
            "was read. Split the file, or import it on the server with “manage.py %(command)s”."
        )
        % {"size": megabytes(size), "limit": megabytes(limit), "command": command},
        field="file",
    )


class CountingStream:
    """Wraps a binary stream and counts the bytes read, for the progress bar: line by line
    (CSV, JSON Lines) or in blocks (an XML parser)."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream
        self.bytes_read = 0

    def __iter__(self) -> Iterator[bytes]:
        for raw in self.stream:
            self.bytes_read += len(raw)
            yield raw

    def read(self, size: int = -1) -> bytes:
        data = self.stream.read(size)
        self.bytes_read += len(data)
        return data

    def close(self) -> None:
        """An XML parser closes its source when done; the caller closes the file itself."""


def decode(raw: bytes) -> str:
    """One line as text: UTF-8 (with or without BOM), else Windows-1252."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    return text.rstrip("\r\n")


def numbered_lines(stream: CountingStream, *, unusable_code: str) -> Iterator[tuple[int, str]]:
    """The lines of a text file with their numbers; a binary file fails with the app's
    FILE_UNUSABLE code."""
    for number, raw in enumerate(stream, start=1):
        if b"\x00" in raw:
            raise RuleViolation(
                unusable_code,
                _("Line %(line)d holds binary data: this is not a text file.") % {"line": number},
                field="file",
            )
        yield number, decode(raw)
