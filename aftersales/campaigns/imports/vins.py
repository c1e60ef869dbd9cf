"""The VIN list of a campaign, imported from CSV.

FORMAT
  One vehicle a line. Either one VIN per line, or CSV (separator `,` or `;`) with a header line
  that names a column `vin` (any case); other columns are ignored. A one-column first line
  without digits is read as a header ("Fahrgestellnummer"). Blank lines are skipped.
  UTF-8 (a BOM is fine); Windows-1252 is read too.

  Rejected with their line number, the rest is imported:
  - a malformed VIN (17 characters: digits and letters A-Z without I, O and Q),
  - a VIN the file named before ("duplicate of line N"),
  - a VIN not in the central vehicle data (import the vehicles first; the import may be
    repeated, it is idempotent: a VIN already on the list stays, counted as unchanged).
"""

from __future__ import annotations

import csv
from typing import IO

from django.db import transaction
from django.utils.translation import gettext as _

from aftersales import clock
from aftersales.vehicles import vin as vin_rules
from aftersales.vehicles.models import Vehicle

from ..models import Campaign, CampaignVehicle
from .common import (
    BATCH_SIZE,
    CountingStream,
    ImportResult,
    Progress,
    numbered_lines,
    unusable,
)


def _header_column(cells: list[str]) -> int | None:
    names = [cell.strip().lower() for cell in cells]
    return names.index("vin") if "vin" in names else None


def _cells(text: str) -> list[str]:
    delimiter = ";" if text.count(";") > text.count(",") else ","
    return next(csv.reader([text], delimiter=delimiter), [])


def campaign_vins_import(
    *, campaign: Campaign, stream: IO[bytes], on_progress: Progress | None = None
) -> ImportResult:
    """Adds every good VIN of the stream to the campaign's list, in batches (one transaction
    each); bad lines are rejected with their line number and the import goes on."""
    counting = CountingStream(stream)
    result = ImportResult()
    column = 0
    seen: dict[str, int] = {}  # VIN -> first line (17 bytes a VIN: a million fit in memory)
    batch: list[tuple[int, str]] = []
    for number, text in numbered_lines(counting):
        result.lines = number
        if not text.strip():
            continue
        cells = _cells(text)
        if number == 1:
            header = _header_column(cells)
            if header is not None:
                column = header
                continue
            first = cells[0] if cells else ""
            if len(cells) > 1:
                raise unusable(_("The first line has several columns but none is called “vin”."))
            if not any(char.isdigit() for char in first):
                continue  # a one-column header with another name ("Fahrgestellnummer")
        raw = cells[column] if column < len(cells) else ""
        vin = vin_rules.normalize_vin(raw)
        if not vin_rules.is_full_vin(vin):
            result.reject(
                number,
                raw.strip(),
                _("not a VIN: 17 characters, the digits 0-9 and the letters A-Z except I, O and Q"),
            )
            continue
        if vin in seen:
            result.reject(number, vin, _("duplicate of line %(line)d") % {"line": seen[vin]})
            continue
        seen[vin] = number
        batch.append((number, vin))
        if len(batch) >= BATCH_SIZE:
            _write(campaign, batch, result)
            batch = []
            if on_progress:
                on_progress(counting.bytes_read, number)
    if batch:
        _write(campaign, batch, result)
    if on_progress:
        on_progress(counting.bytes_read, result.lines)
    result.rejected.sort(key=lambda reject: reject.line)  # batch rejects come later
    return result


def _write(campaign: Campaign, batch: list[tuple[int, str]], result: ImportResult) -> None:
    """One batch: its vehicles in one query, the VINs already listed in one, one bulk insert."""
    vins = [vin for _number, vin in batch]
    with transaction.atomic():
        vehicles = dict(Vehicle.objects.filter(vin__in=vins).values_list("vin", "pk"))
        listed = set(
            CampaignVehicle.objects.filter(
                campaign=campaign, vehicle_id__in=vehicles.values()
            ).values_list("vehicle_id", flat=True)
        )
        new = []
        now = clock.now()
        for number, vin in batch:
            vehicle_id = vehicles.get(vin)
            if vehicle_id is None:
                result.reject(number, vin, _("not in the central vehicle data"))
            elif vehicle_id in listed:
                result.unchanged += 1
            else:
                new.append(CampaignVehicle(campaign=campaign, vehicle_id=vehicle_id, added_at=now))
        # ignore_conflicts: a VIN listed by a concurrent import of the same campaign meanwhile.
        CampaignVehicle.objects.bulk_create(new, ignore_conflicts=True)
        result.imported += len(new)
