"""Writes of Programming: check the preconditions a tool session reports, record the results
per control unit (linked to the service entry of the same visit, where one exists)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from aftersales import clock
from aftersales.portal.errors import RuleViolation
from aftersales.servicehistory.models import ServiceEntry
from aftersales.tools.models import ToolSession

from . import codes, rules
from .models import ControlUnitResult, PreconditionCheck, ProgrammingSettings

APPLICATION_SLUG = "programming"


def _require_programming(session: ToolSession) -> None:
    if session.application.slug != APPLICATION_SLUG or session.vehicle_id is None:
        raise RuleViolation(
            codes.NOT_A_PROGRAMMING_SESSION,
            _("This is not a programming session working on a vehicle."),
        )
    if session.ended_at is not None:
        raise RuleViolation(codes.NOT_A_PROGRAMMING_SESSION, _("This session has ended."))


@transaction.atomic
def preconditions_check(
    *,
    session: ToolSession,
    charger_connected: bool,
    soc_percent: Decimal,
    ignition: str,
    now: datetime | None = None,
) -> PreconditionCheck:
    """Records the check; PRG-0001 naming each precondition not met (the check is kept)."""
    _require_programming(session)
    minimum = ProgrammingSettings.current().minimum_soc_percent
    failed = rules.failed_preconditions(
        charger_connected=charger_connected,
        soc_percent=soc_percent,
        ignition=ignition,
        minimum_soc=minimum,
    )
    check = PreconditionCheck.objects.create(
        session=session,
        charger_connected=charger_connected,
        soc_percent=soc_percent,
        minimum_soc_percent=minimum,
        ignition=ignition,
        passed=not failed,
        failures=failed,
        checked_at=now or clock.now(),
    )
    return check


def refuse_if_failed(check: PreconditionCheck) -> None:
    if not check.passed:
        raise RuleViolation(
            codes.PRECONDITIONS_NOT_MET,
            " ".join(item["message"] for item in check.failures),
            extra={"failed": check.failures},
        )


@dataclass(frozen=True)
class ResultIn:
    control_unit: str
    software_before: str
    software_after: str
    success: bool
    message: str = ""


def _visit_entry(session: ToolSession, now: datetime) -> ServiceEntry | None:
    """The current service entry of the same visit: this workshop, this vehicle, done or
    stored today. An entry stored later links the results itself (visit_results_link)."""
    assert session.vehicle_id is not None  # _require_programming
    today = timezone.localdate(now)
    return (
        ServiceEntry.objects.filter(
            Q(created_at__date=today) | Q(maintenance_date=today),
            vehicle_id=session.vehicle_id,
            organisation_id=session.organisation_id,
            superseded_at__isnull=True,
        )
        .order_by("-created_at")
        .first()
    )


def visit_results_link(*, entry: ServiceEntry) -> int:
    """A new service entry takes the results of its visit that no entry has yet: the same
    workshop and vehicle, recorded on its maintenance date or the day it is stored. Runs in the
    storing transaction (servicehistory's entry_stored); returns how many it linked."""
    days = {entry.maintenance_date, timezone.localdate(entry.created_at)}
    # prg_result_vehicle_idx narrows to the vehicle; a visit has a handful of results.
    candidates = ControlUnitResult.objects.filter(
        vehicle_id=entry.vehicle_id,
        organisation_id=entry.organisation_id,
        service_entry__isnull=True,
    ).only("pk", "recorded_at")
    ids = [r.pk for r in candidates if timezone.localdate(r.recorded_at) in days]
    return ControlUnitResult.objects.filter(pk__in=ids).update(service_entry=entry)


@transaction.atomic
def control_unit_results_record(
    *, session: ToolSession, results: list[ResultIn], now: datetime | None = None
) -> list[ControlUnitResult]:
    """The tool's results per control unit; PRG-0002 unless the session's latest precondition
    check passed."""
    _require_programming(session)
    latest = (
        PreconditionCheck.objects.filter(session=session).order_by("-checked_at", "-id").first()
    )
    if latest is None or not latest.passed:
        raise RuleViolation(
            codes.NO_PASSED_CHECK,
            _("Report the preconditions first; programming starts only when they are met."),
        )
    now = now or clock.now()
    entry = _visit_entry(session, now)
    assert session.vehicle_id is not None
    return [
        ControlUnitResult.objects.create(
            session=session,
            vehicle_id=session.vehicle_id,
            organisation_id=session.organisation_id,
            service_entry=entry,
            control_unit=result.control_unit.strip(),
            software_before=result.software_before.strip(),
            software_after=result.software_after.strip(),
            success=result.success,
            message=result.message.strip()[:300],
            recorded_at=now,
        )
        for result in results
    ]
