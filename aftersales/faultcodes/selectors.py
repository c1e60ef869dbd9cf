"""Reads of the fault-code catalogue and of fault memory reports; the one scoping helper for
reports reached by id (another organisation's report is a 404)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import reduce
from operator import and_, or_

from django.db.models import Prefetch, Q
from django.http import Http404
from django.utils.translation import gettext as _

from aftersales.accounts.models import Organisation, User
from aftersales.portal.errors import RuleViolation
from aftersales.servicehistory.models import ServiceEntry
from aftersales.vehicles.models import Vehicle

from . import codes, dtc, rules
from .models import FaultCode, FaultReport, FaultReportCode

APPLICATION_SLUG = "emission-relevant-fault-codes"
MAX_SEARCH_RESULTS = 100


# --- The catalogue ----------------------------------------------------------------------------


def fault_code_entries(*, code: str) -> list[FaultCode]:
    """Every entry of one normalised code: the standard's first, then the brands'."""
    # Uses fault_code_brand_unique (code, brand).
    return list(FaultCode.objects.filter(code=code).order_by("brand"))


def fault_code_lookup(*, raw: str) -> tuple[str, list[FaultCode]]:
    """A typed code, normalised (FC-0001 if malformed), with its entries (FC-0002 if none)."""
    code = dtc.normalise(raw)
    entries = fault_code_entries(code=code)
    if not entries:
        raise RuleViolation(
            codes.CODE_UNKNOWN,
            _(
                "%(code)s is a well-formed %(scope)s code, but the catalogue has no description of it."
            )
            % {"code": code, "scope": str(dtc.CodeScope(dtc.scope_of(code)).label).lower()},
            field="code",
            extra={"normalised": code},
        )
    return code, entries


def fault_code_search(*, query: str, limit: int = MAX_SEARCH_RESULTS) -> list[FaultCode]:
    """Entries whose code or description (English or Danish) holds every word of the query,
    by code; FC-0008 when the query has no word to look for. The catalogue has a few thousand
    rows: a scan with icontains is fast enough and finds parts of words ("lambda" in
    "lambdasonde")."""
    words = rules.search_words(query)
    return list(
        FaultCode.objects.filter(reduce(and_, [_word_match(word) for word in words])).order_by(
            "code", "brand"
        )[:limit]
    )


def _word_match(word: str) -> Q:
    """A number matches where a number starts ("bank 2", "cylinder 12", not "P0420"); a word
    of three characters or more also matches codes ("P04" finds P0420)."""
    fields = ("description", "description_da", "description_de")
    if word.isdigit():
        return reduce(or_, (Q(**{f"{name}__icontains": f" {word}"}) for name in fields))
    match = reduce(or_, (Q(**{f"{name}__icontains": word}) for name in fields))
    return match | Q(code__icontains=word) if len(word) >= 3 else match


def entry_for_vehicle(entries: list[FaultCode], *, brand: str) -> FaultCode | None:
    """The entry that speaks for a vehicle: its brand's own, else the standard's."""
    by_brand = {entry.brand: entry for entry in entries}
    return by_brand.get(brand) or by_brand.get("")


# --- Fault memory reports ---------------------------------------------------------------------


@dataclass(frozen=True)
class ReadCodeRow:
    """A read code of a report with what the catalogue says about it for this vehicle."""

    code: str
    status: str
    status_label: str
    entry: FaultCode | None

    @property
    def emission_relevant(self) -> bool | None:
        """None: the catalogue does not know the code (a manufacturer code of another pack)."""
        return self.entry.emission_relevant if self.entry else None


@dataclass(frozen=True)
class ReportView:
    report: FaultReport
    rows: list[ReadCodeRow]
    readiness: rules.EmissionsTestReadiness

    @property
    def emission_relevant_count(self) -> int:
        return sum(1 for row in self.rows if row.emission_relevant)


def fault_reports_for(*, organisation: Organisation | None, vehicle: Vehicle) -> list[FaultReport]:
    """The organisation's reports of one vehicle, newest first (two queries)."""
    if organisation is None:
        return []
    # Uses fault_report_vehicle_org_idx (vehicle, organisation, read_at DESC).
    return list(
        FaultReport.objects.filter(vehicle=vehicle, organisation=organisation)
        .select_related("service_entry", "service_entry__original", "created_by")
        .prefetch_related(
            Prefetch("codes", queryset=FaultReportCode.objects.order_by("position", "id"))
        )
        .order_by("-read_at", "-id")
    )


def fault_report_get(*, actor: User, report_id: int) -> FaultReport:
    """A report by id, if the actor's organisation recorded it; Http404 for everyone else."""
    report = None
    if actor.organisation_id is not None:
        report = (
            FaultReport.objects.filter(pk=report_id, organisation_id=actor.organisation_id)
            .select_related("vehicle", "service_entry", "service_entry__original", "created_by")
            .prefetch_related(
                Prefetch("codes", queryset=FaultReportCode.objects.order_by("position", "id"))
            )
            .first()
        )
    if report is None:
        raise Http404(_("No fault memory report found."))
    return report


def report_views(reports: list[FaultReport], *, vehicle: Vehicle) -> list[ReportView]:
    """Each report with its codes resolved against the catalogue for the vehicle's brand and
    its emissions test readiness; one query for the catalogue, however many reports."""
    read = {code.code for report in reports for code in report.codes.all()}
    entries: dict[str, list[FaultCode]] = {}
    for entry in FaultCode.objects.filter(code__in=read).order_by("brand"):
        entries.setdefault(entry.code, []).append(entry)
    views = []
    for report in reports:
        rows = [
            ReadCodeRow(
                code=item.code,
                status=item.status,
                status_label=item.get_status_display(),
                entry=entry_for_vehicle(entries.get(item.code, []), brand=vehicle.brand),
            )
            for item in report.codes.all()
        ]
        readiness = rules.emissions_test_readiness(mil_on=report.mil_on, readiness=report.readiness)
        views.append(ReportView(report=report, rows=rows, readiness=readiness))
    return views


def attachable_entries(
    *, organisation: Organisation | None, vehicle: Vehicle
) -> list[ServiceEntry]:
    """The service entries a report of this vehicle can be attached to: the organisation's own
    current, uncancelled entries of the vehicle, newest first."""
    if organisation is None:
        return []
    return list(
        ServiceEntry.objects.active()
        .filter(vehicle=vehicle, organisation=organisation)
        .select_related("original")
        .order_by("-maintenance_date", "-id")[:20]
    )
