"""NHTSA's recall file FLAT_RCL (FLAT_RCL_POST_2010.txt etc., https://www.nhtsa.gov/nhtsa-datasets-and-apis).

FORMAT (NHTSA's documented layout, RCL.txt)
  Tab-separated text, one record a line, no header line; dates YYYYMMDD. A record is one
  make/model/model year/component of a recall campaign, so one campaign spans many records.
  The fields, in this order (files before 2025 end after field 27, older ones after 24):
     1 RECORD_ID          running number of the record
     2 CAMPNO             NHTSA campaign number, e.g. 24V123000      -> Campaign.number
     3 MAKETXT            make, e.g. BMW, MINI, ROLLS-ROYCE           -> rule: make
     4 MODELTXT           model, e.g. 335I                           -> rule: model designation
     5 YEARTXT            model year, 9999 if unknown                -> rule: model year
     6 MFGCAMPNO          the manufacturer's campaign number         -> manufacturer's number
     7 COMPNAME           component description                      -> component (joined)
     8 MFGNAME            manufacturer's name
     9 BGMAN              begin of manufacturing, YYYYMMDD           -> rule: produced from
    10 ENDMAN             end of manufacturing, YYYYMMDD             -> rule: produced until
    11 RCLTYPECD          V vehicle, E equipment, T tire, C child seat (only V is imported)
    12 POTAFF             potential number of units affected
    13 ODATE              date the owners were notified              -> start date
    14 INFLUENCED_BY      who initiated it (MFR, OVSC, ODI)
    15 MFGTXT             manufacturers of the recalled vehicles
    16 RCDATE             date the report was received (start date without ODATE)
    17 DATEA              record creation date
    18 RPNO               regulation part number
    19 FMVSS              Federal Motor Vehicle Safety Standard number
    20 DESC_DEFECT        defect summary                             -> defect
    21 CONEQUENCE_DEFECT  consequence summary (NHTSA's spelling)      -> risk
    22 CORRECTIVE_ACTION  corrective summary                         -> remedy
    23 NOTES              recall notes
    24 RCL_CMPT_ID        identifies a recalled component
    25 MFR_COMP_NAME      manufacturer-supplied component name       -> title (else COMPNAME)
    26 MFR_COMP_DESC      manufacturer-supplied component description
    27 MFR_COMP_PTNO      manufacturer-supplied component part number
    28 DO_NOT_DRIVE       Y/N                                        -> do not drive
    29 PARK_OUTSIDE       Y/N

  The file carries no VINs: each campaign applies by rule (make, model, model year and the
  manufacturing period). Records of makes this portal does not keep (see MAKES) and records
  that are not vehicle recalls are skipped (counted). A record with a malformed campaign
  number, model year or date is rejected with its line number. Campaigns are upserted by
  number (the import may be repeated); new ones are drafts unless `publish` is asked for, and
  get the labour allowance and parts in the back office.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import IO

from django.db import transaction
from django.utils.translation import gettext as _

from aftersales import clock
from aftersales.vehicles.models import VehicleBrand

from ..models import Campaign, CampaignRule
from .common import BATCH_SIZE, CountingStream, ImportResult, Progress, numbered_lines

FIELDS = (
    "RECORD_ID",
    "CAMPNO",
    "MAKETXT",
    "MODELTXT",
    "YEARTXT",
    "MFGCAMPNO",
    "COMPNAME",
    "MFGNAME",
    "BGMAN",
    "ENDMAN",
    "RCLTYPECD",
    "POTAFF",
    "ODATE",
    "INFLUENCED_BY",
    "MFGTXT",
    "RCDATE",
    "DATEA",
    "RPNO",
    "FMVSS",
    "DESC_DEFECT",
    "CONEQUENCE_DEFECT",
    "CORRECTIVE_ACTION",
    "NOTES",
    "RCL_CMPT_ID",
    "MFR_COMP_NAME",
    "MFR_COMP_DESC",
    "MFR_COMP_PTNO",
    "DO_NOT_DRIVE",
    "PARK_OUTSIDE",
)
MIN_FIELDS = 24  # the layout before MFR_COMP_NAME was added
# MAKETXT -> the portal's brand. NHTSA lists BMW motorcycles as BMW too.
MAKES = {
    "BMW": VehicleBrand.BMW,
    "MINI": VehicleBrand.MINI,
    "ROLLS-ROYCE": VehicleBrand.ROLLS_ROYCE,
    "ROLLS ROYCE": VehicleBrand.ROLLS_ROYCE,
}
CAMPNO_RE = re.compile(r"^[0-9]{2}[A-Z][0-9]{3,9}$")
UNKNOWN_YEAR = 9999


class RecordError(ValueError):
    """A record that cannot be imported; its message is the reject's reason."""


@dataclass(frozen=True)
class Record:
    number: str
    make: str
    model: str
    model_year: int | None
    manufacturer_number: str
    component: str
    title: str
    produced_from: date | None
    produced_to: date | None
    start_date: date | None
    defect: str
    risk: str
    remedy: str
    do_not_drive: bool


def _date(value: str, name: str) -> date | None:
    value = value.strip()
    if not value:
        return None
    try:
        return datetime.strptime(value, "%Y%m%d").date()
    except ValueError:
        raise RecordError(
            _("%(field)s is not a date YYYYMMDD: %(value)s") % {"field": name, "value": value[:12]}
        ) from None


def parse_record(fields: list[str]) -> Record | None:
    """The record of one line; None when it is not for this portal (skipped)."""
    if len(fields) < MIN_FIELDS:
        raise RecordError(
            _("%(count)d fields; a FLAT_RCL record has at least %(min)d, separated by tabs")
            % {"count": len(fields), "min": MIN_FIELDS}
        )
    value = dict(zip(FIELDS, [f.strip() for f in fields], strict=False))
    if value.get("RCLTYPECD", "").upper() != "V":
        return None
    make = MAKES.get(value["MAKETXT"].upper())
    if make is None:
        return None
    number = value["CAMPNO"].upper()
    if not CAMPNO_RE.match(number):
        raise RecordError(_("CAMPNO is not an NHTSA campaign number (e.g. 24V123000)"))
    year_text = value["YEARTXT"]
    if not re.fullmatch(r"[0-9]{4}", year_text):
        raise RecordError(_("YEARTXT is not a model year: %(value)s") % {"value": year_text[:12]})
    year = int(year_text)
    produced_from = _date(value["BGMAN"], "BGMAN")
    produced_to = _date(value["ENDMAN"], "ENDMAN")
    if produced_from and produced_to and produced_to < produced_from:
        raise RecordError(_("ENDMAN lies before BGMAN"))
    start = _date(value["ODATE"], "ODATE") or _date(value["RCDATE"], "RCDATE")
    component = value["COMPNAME"][:300]
    return Record(
        number=number,
        make=make,
        model=value["MODELTXT"].upper()[:60],
        model_year=None if year == UNKNOWN_YEAR else year,
        manufacturer_number=value["MFGCAMPNO"][:20],
        component=component,
        title=(value.get("MFR_COMP_NAME") or component or number)[:200],
        produced_from=produced_from,
        produced_to=produced_to,
        start_date=start,
        defect=value["DESC_DEFECT"],
        risk=value["CONEQUENCE_DEFECT"],
        remedy=value["CORRECTIVE_ACTION"],
        do_not_drive=value.get("DO_NOT_DRIVE", "").upper() in ("Y", "YES"),
    )


def nhtsa_import(
    *, stream: IO[bytes], publish: bool = False, on_progress: Progress | None = None
) -> ImportResult:
    """Imports the vehicle recalls of the portal's makes; `imported` counts new campaigns,
    `updated` the campaigns a record added a rule or text to."""
    counting = CountingStream(stream)
    result = ImportResult()
    touched: dict[str, str] = {}  # number -> "created" / "updated" / "unchanged"
    batch: list[tuple[int, Record]] = []
    for number, text in numbered_lines(counting):
        result.lines = number
        if not text.strip():
            continue
        fields = text.split("\t")
        if number == 1 and fields[0].strip().upper() == "RECORD_ID":
            continue  # a header line some tools add
        try:
            record = parse_record(fields)
        except RecordError as error:
            result.reject(number, fields[1].strip() if len(fields) > 1 else "", str(error))
            continue
        if record is None:
            result.skipped += 1
            continue
        batch.append((number, record))
        if len(batch) >= BATCH_SIZE:
            _write(batch, touched, result, publish=publish)
            batch = []
            if on_progress:
                on_progress(counting.bytes_read, number)
    if batch:
        _write(batch, touched, result, publish=publish)
    if on_progress:
        on_progress(counting.bytes_read, result.lines)
    result.rejected.sort(key=lambda reject: reject.line)  # batch rejects come later
    result.imported = sum(1 for state in touched.values() if state == "created")
    result.updated = sum(1 for state in touched.values() if state == "updated")
    result.unchanged = sum(1 for state in touched.values() if state == "unchanged")
    return result


def _join(existing: str, addition: str, limit: int) -> str:
    parts = [p for p in existing.split("; ") if p]
    if addition and addition not in parts:
        parts.append(addition)
    return "; ".join(parts)[:limit]


def _write(
    batch: list[tuple[int, Record]], touched: dict[str, str], result: ImportResult, *, publish: bool
) -> None:
    now = clock.now()
    with transaction.atomic():
        numbers = {record.number for _line, record in batch}
        campaigns = {c.number: c for c in Campaign.objects.filter(number__in=numbers)}
        rules: dict[int, set[tuple[object, ...]]] = {}
        for rule in CampaignRule.objects.filter(campaign__in=campaigns.values()):
            rules.setdefault(rule.campaign_id, set()).add(_rule_key(rule))
        for line, record in batch:
            campaign = campaigns.get(record.number)
            if campaign is not None and campaign.source != Campaign.Source.NHTSA:
                result.reject(
                    line,
                    record.number,
                    _("campaign %(number)s exists and was not imported from NHTSA")
                    % {"number": record.number},
                )
                continue
            if campaign is None:
                campaign = Campaign.objects.create(
                    number=record.number,
                    kind=Campaign.Kind.RECALL,
                    source=Campaign.Source.NHTSA,
                    title=record.title,
                    component=record.component,
                    defect=record.defect,
                    risk=record.risk,
                    remedy=record.remedy,
                    do_not_drive=record.do_not_drive,
                    manufacturer_number=record.manufacturer_number,
                    start_date=record.start_date or now.date(),
                    state=Campaign.State.PUBLISHED if publish else Campaign.State.DRAFT,
                    published_at=now if publish else None,
                    created_at=now,
                    updated_at=now,
                )
                campaigns[record.number] = campaign
                touched[record.number] = "created"
            touched.setdefault(record.number, "unchanged")
            changed = False
            component = _join(campaign.component, record.component, 300)
            dnd = campaign.do_not_drive or record.do_not_drive
            if (component, dnd) != (campaign.component, campaign.do_not_drive):
                campaign.component, campaign.do_not_drive = component, dnd
                campaign.updated_at = now
                campaign.save(update_fields=["component", "do_not_drive", "updated_at"])
                changed = True
            rule = CampaignRule(
                campaign=campaign,
                make=record.make,
                model=record.model,
                model_year=record.model_year,
                produced_from=record.produced_from,
                produced_to=record.produced_to,
            )
            known = rules.setdefault(campaign.pk, set())
            if _rule_key(rule) not in known:
                rule.save()
                known.add(_rule_key(rule))
                changed = True
            if changed and touched[record.number] == "unchanged":
                touched[record.number] = "updated"


def _rule_key(rule: CampaignRule) -> tuple[object, ...]:
    return (
        rule.make,
        rule.model.upper(),
        rule.model_year,
        rule.produced_from,
        rule.produced_to,
        rule.series,
        rule.model_code,
        rule.engine_type,
    )
