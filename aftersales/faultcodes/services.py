"""Writes of Emission-relevant fault codes: fault memory reports (recorded by the diagnosis
tool through the API or by a workshop's form, attached to a service entry) and the operator's
imports of manufacturer packs. Every rule is in rules.py (the pack format in pack_import.py)."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import IO, Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from aftersales import clock
from aftersales.accounts.models import Organisation, User
from aftersales.portal.errors import RuleViolation
from aftersales.portal.imports import (
    JobProgress,
    import_job_create,
    import_job_run,
    rejects_as_dicts,
)
from aftersales.servicehistory.models import ServiceEntry
from aftersales.vehicles.models import Vehicle
from aftersales.vehicles.services import mileage_reading_record

from . import codes, pack_import, rules
from .models import FaultCodeImport, FaultReport, FaultReportCode


@dataclass
class ReportInput:
    """What a read-out says, as typed or sent: the rules parse and check every field."""

    read_at: datetime | str | None
    mileage: str
    mil_on: bool
    codes: list[tuple[str, str]] = field(default_factory=list)  # (code, status)
    readiness: dict[str, Any] = field(default_factory=dict)  # {monitor: state}
    tool_id: str = ""
    service_entry_id: int | None = None


@dataclass(frozen=True)
class CheckedReport:
    read_at: datetime
    mileage_km: int
    codes: list[rules.ReadCode]
    readiness: dict[str, str]
    tool_id: str
    service_entry: ServiceEntry | None


def _require_organisation(actor: User) -> Organisation:
    if actor.organisation is None:
        raise RuleViolation(
            codes.NO_ORGANISATION,
            _("Only a workshop organisation can record fault memory reports."),
        )
    return actor.organisation


def _attachable_entry(
    *, organisation: Organisation, vehicle: Vehicle, entry_id: int | None
) -> ServiceEntry | None:
    if entry_id is None:
        return None
    entry = (
        ServiceEntry.objects.active()
        .filter(pk=entry_id, vehicle=vehicle, organisation=organisation)
        .first()
    )
    if entry is None:
        raise RuleViolation(
            codes.ENTRY_NOT_ATTACHABLE,
            _(
                "The report can be attached only to a current service entry of this vehicle "
                "that your workshop stored."
            ),
            field="service_entry",
        )
    return entry


def fault_report_check(
    *, actor: User, vehicle: Vehicle, data: ReportInput, now: datetime | None = None
) -> tuple[CheckedReport | None, list[RuleViolation]]:
    """Runs every rule once without storing: the checked report, or every violation (one per
    field) for a page to show next to its field."""
    now = now or clock.now()
    organisation = _require_organisation(actor)
    errors: list[RuleViolation] = []
    values: dict[str, Any] = {}
    checks: dict[str, Callable[[], object]] = {
        "read_at": lambda: rules.parse_read_at(data.read_at, now=now),
        "mileage_km": lambda: rules.parse_mileage(data.mileage),
        "codes": lambda: rules.require_codes(data.codes),
        "readiness": lambda: rules.require_readiness(data.readiness),
        "tool_id": lambda: rules.require_tool_id(data.tool_id),
        "service_entry": lambda: _attachable_entry(
            organisation=organisation, vehicle=vehicle, entry_id=data.service_entry_id
        ),
    }
    for name, check in checks.items():
        try:
            values[name] = check()
        except RuleViolation as violation:
            errors.append(violation)
    if errors:
        return None, errors
    return CheckedReport(**values), []


@transaction.atomic
def fault_report_create(
    *,
    actor: User,
    vehicle: Vehicle,
    data: ReportInput,
    source: str,
    now: datetime | None = None,
) -> FaultReport:
    """Stores a read-out for the actor's organisation; the first violation is raised."""
    now = now or clock.now()
    checked, errors = fault_report_check(actor=actor, vehicle=vehicle, data=data, now=now)
    if errors or checked is None:
        raise errors[0]
    organisation = _require_organisation(actor)
    report = FaultReport.objects.create(
        vehicle=vehicle,
        organisation=organisation,
        created_by=actor,
        created_at=now,
        read_at=checked.read_at,
        mileage_km=checked.mileage_km,
        tool_id=checked.tool_id,
        mil_on=data.mil_on,
        readiness=checked.readiness,
        source=source,
        service_entry=checked.service_entry,
    )
    FaultReportCode.objects.bulk_create(
        FaultReportCode(report=report, position=position, code=item.code, status=item.status)
        for position, item in enumerate(checked.codes, start=1)
    )
    # The diagnosis tool read the odometer too: kept as evidence (a lower one is flagged).
    mileage_reading_record(
        vehicle=vehicle,
        mileage=report.mileage_km,
        source="tool_session",
        read_at=report.read_at,
        reference=f"fault-report:{report.pk}",
        now=now,
    )
    return report


@transaction.atomic
def fault_report_attach(*, actor: User, report: FaultReport, entry_id: int | None) -> FaultReport:
    """Attaches the report to a service entry of the same visit (or detaches it with None).
    The report was fetched through fault_report_get, so it is the actor's organisation's."""
    organisation = _require_organisation(actor)
    if report.organisation_id != organisation.pk:  # pragma: no cover - fault_report_get scopes
        raise RuleViolation(codes.ENTRY_NOT_ATTACHABLE, _("This is not your report."))
    report.service_entry = _attachable_entry(
        organisation=organisation, vehicle=report.vehicle, entry_id=entry_id
    )
    report.save(update_fields=["service_entry"])
    return report


# --- Imports of manufacturer packs ------------------------------------------------------------


def import_size_limit() -> int:
    from django.conf import settings

    return int(getattr(settings, "FAULT_CODE_IMPORT_MAX_BYTES", 20 * 1024 * 1024))


def require_import_size(size: int) -> None:
    """FC-0030 for a file over the limit (checked before a byte of it is stored)."""
    limit = import_size_limit()
    if size > limit:
        raise RuleViolation(
            codes.FILE_TOO_LARGE,
            _(
                "The file is %(size)s; at most %(limit)s can be imported at once. Split it into "
                "smaller files. Nothing was read."
            )
            % {"size": _megabytes(size), "limit": _megabytes(limit)},
            field="file",
        )


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def fault_code_import_start(
    *, actor: User, upload: UploadedFile, brand: str = "", now: datetime | None = None
) -> FaultCodeImport:
    """Stores an uploaded pack and queues its import (a background task, after the commit)."""
    from .tasks import fault_code_import_task

    require_import_size(upload.size or 0)
    return import_job_create(
        FaultCodeImport,
        upload=upload,
        actor=actor,
        task=fault_code_import_task,
        suffix="csv",
        brand=rules.known_brand(brand),
        created_at=now or clock.now(),
    )


def _text_stream(binary: IO[bytes]) -> io.TextIOWrapper:
    return io.TextIOWrapper(binary, encoding="utf-8-sig", newline="")


def fault_code_import_run(*, import_id: int) -> FaultCodeImport:
    """Reads a queued pack line by line, telling the job its progress after every batch (lines
    of the pack's lines, counted first); the rejected lines are kept with their line numbers.
    Runs in the task worker; a pack that cannot be read fails with FC-0031."""
    job = FaultCodeImport.objects.get(pk=import_id)
    counted = {"lines": 0}

    def read(binary: IO[bytes], progress: JobProgress) -> pack_import.ImportResult:
        total = counted["lines"] = max(0, sum(1 for _line in binary) - 1)  # without the header
        binary.seek(0)
        progress.update(done=0, total=total, lines=0)

        def lines(line: int) -> None:
            progress.update(done=max(0, line - 1), lines=max(0, line - 1))

        text = _text_stream(binary)
        try:
            return pack_import.fault_codes_import(
                stream=text, default_brand=job.brand, on_progress=lines
            )
        except pack_import.FormatError as error:
            raise RuleViolation(codes.FILE_UNUSABLE, str(error), field="file") from error
        finally:
            text.detach()  # the job closes the file itself

    def record(job: FaultCodeImport, result: pack_import.ImportResult) -> None:
        job.lines_read = job.progress_done = job.progress_total = counted["lines"]
        _record(job, result)

    return import_job_run(job, read=read, record=record)


def _record(job: FaultCodeImport, result: pack_import.ImportResult) -> None:
    job.created, job.updated, job.unchanged = result.created, result.updated, result.unchanged
    job.rejected = result.rejected_count
    job.rejects = rejects_as_dicts(result.rejected)
