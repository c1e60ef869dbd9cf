"""Every rule of a service entry, in one place, with its stable code (pages and API alike).

Codes: every code raised here (IPL-0051, SH-00xx), with its HTTP status, title and meaning, is
registered in codes.py (the registry: aftersales.portal.problems; listed at /api/problems/).
SH-0050 (only the entering organisation may correct or cancel an entry) is not SH-0070
(services.py: only a user of a workshop organisation may store or correct entries at all).

Plausibility (SH-0004): a car cannot average more than MAX_KM_PER_DAY = 1,500 km a day
(62 km/h around the clock) between two readings. The check runs against every dated reading:
the central mileage with its date, each stored entry, and 0 km on the production date. Readings
on the same day count as one day apart. A workshop that knows better (e.g. a replaced
instrument cluster) confirms the mileage explicitly.

Storing never costs credits: Regulation (EU) 2018/858, Annex X (formerly 566/2011 Art. 6(8))
requires that independent repairers can store the work they did free of charge.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from aftersales.portal.errors import RuleViolation
from aftersales.vehicles.models import MAX_MILEAGE_KM

if TYPE_CHECKING:
    from aftersales.accounts.models import User
    from aftersales.orders.lines import OrderLine
    from aftersales.vehicles.models import CbsPosition

    from .models import ServiceEntry

MAX_KM_PER_DAY = 1_500
MAX_COMMENT_LENGTH = 2_000

IPL_0051 = "IPL-0051"
_DIGITS = re.compile(r"^[0-9]+$")
_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


@dataclass(frozen=True)
class Reading:
    """A known odometer reading: from the central data or from a stored entry."""

    km: int
    on: date | None
    source: str  # shown to the user: "central data" or the entry number


def km(value: int) -> str:
    return f"{number_format(value, force_grouping=True)} km"


def parse_mileage(raw: str) -> int:
    value = (raw or "").strip()
    if not value:
        raise RuleViolation("SH-0001", _("Please enter the mileage."), field="mileage")
    if not _DIGITS.match(value):
        raise RuleViolation(
            IPL_0051,
            _(
                "The kilometre entered is invalid. Please use exclusively the numbers 0 - 9 for your input."
            ),
            field="mileage",
        )
    mileage = int(value)
    if mileage > MAX_MILEAGE_KM:
        raise RuleViolation(
            "SH-0002",
            _("A mileage of %(km)s is not possible. Please check your input.")
            % {"km": km(mileage)},
            field="mileage",
        )
    return mileage


def parse_maintenance_date(raw: str, *, production_date: date, today: date) -> date:
    value = (raw or "").strip()
    try:
        if not _ISO_DATE.match(value):
            raise ValueError(value)
        parsed = date.fromisoformat(value)
    except ValueError:
        raise RuleViolation(
            "SH-0010",
            _("Please enter the maintenance date in the ISO date format YYYY-MM-DD."),
            field="maintenance_date",
        ) from None
    if parsed > today:
        raise RuleViolation(
            "SH-0011", _("The maintenance date cannot be in the future."), field="maintenance_date"
        )
    if parsed < production_date:
        raise RuleViolation(
            "SH-0012",
            _("The maintenance date cannot be before the production date (%(date)s).")
            % {"date": production_date.isoformat()},
            field="maintenance_date",
        )
    return parsed


def require_positions(
    codes: list[str], *, available: dict[str, CbsPosition], required: bool = True
) -> list[CbsPosition]:
    """The selected positions, in the catalogue's order, all of this vehicle type; at least one
    unless `required` is False (an order with other lines, e.g. a technical campaign)."""
    wanted = list(dict.fromkeys(c for c in codes if c))
    if not wanted and required:
        raise RuleViolation("SH-0020", _("Please select at least one position."), field="positions")
    unknown = [c for c in wanted if c not in available]
    if unknown:
        raise RuleViolation(
            "SH-0021",
            _("These positions do not exist for this vehicle: %(codes)s.")
            % {"codes": ", ".join(unknown)},
            field="positions",
        )
    return [position for code, position in available.items() if code in wanted]


def require_items_known(items: list[dict[str, str]], lines: list[OrderLine]) -> None:
    """Every line another application added to the draft (a campaign, a part) must have become
    a line of the order: an unknown number is refused rather than silently left out."""
    built = {(line.kind, line.reference or line.number) for line in lines}
    built |= {(line.kind, line.number) for line in lines}
    built |= {(line.kind, line.item) for line in lines if line.item}
    unknown = [
        f"{item.get('kind', '')} {item.get('number', '')}".strip()
        for item in items
        if (item.get("kind"), item.get("number")) not in built
    ]
    if unknown:
        raise RuleViolation(
            "SH-0080",
            _("The order names lines that do not exist: %(items)s.")
            % {"items": ", ".join(unknown)},
            field="items",
        )


def check_mileage(
    mileage: int,
    *,
    maintenance_date: date,
    readings: list[Reading],
    production_date: date,
    confirmed: bool,
) -> None:
    if readings:
        last = max(readings, key=lambda r: (r.km, r.on or date.min))
        if mileage < last.km:
            raise RuleViolation(
                "SH-0003",
                _(
                    "The mileage is lower than the last recorded reading: %(km)s on %(date)s "
                    "(%(source)s). Please check the odometer."
                )
                % {
                    "km": km(last.km),
                    "date": last.on.isoformat() if last.on else _("an unknown date"),
                    "source": last.source,
                },
                field="mileage",
                extra={"last_km": last.km, "last_date": last.on.isoformat() if last.on else None},
            )
    if confirmed:
        return
    baseline = Reading(0, production_date, _("production"))
    for reading in [baseline, *readings]:
        if reading.on is None:
            continue
        days = max((maintenance_date - reading.on).days, 1)
        if mileage - reading.km > MAX_KM_PER_DAY * days:
            raise RuleViolation(
                "SH-0004",
                _(
                    "%(km)s more than the reading of %(last)s on %(date)s (%(source)s) is more "
                    "than a vehicle can drive in %(days)s day(s). Please check the mileage, or "
                    "confirm it if it is correct."
                )
                % {
                    "km": km(mileage - reading.km),
                    "last": km(reading.km),
                    "date": reading.on.isoformat(),
                    "source": reading.source,
                    "days": days,
                },
                field="mileage",
                extra={"needs_confirmation": True},
            )


def require_consent(consent: bool) -> None:
    if not consent:
        raise RuleViolation(
            "SH-0030",
            _(
                "Nothing has been stored: please tick “Consent to data storage” to "
                "confirm that you have received the vehicle owner's or driver's consent."
            ),
            field="consent",
        )


def clean_comment(comment: str) -> str:
    value = (comment or "").strip()
    if len(value) > MAX_COMMENT_LENGTH:
        raise RuleViolation(
            "SH-0040",
            _("The comment may have at most %(max)s characters.") % {"max": MAX_COMMENT_LENGTH},
            field="comment",
        )
    return value


def is_entering_organisation(*, actor: User, entry: ServiceEntry) -> bool:
    """The actor works for the workshop that made the entry (it sees the prices, may modify)."""
    return actor.organisation_id is not None and actor.organisation_id == entry.organisation_id


def require_entering_organisation(*, actor: User, entry: ServiceEntry) -> None:
    if not is_entering_organisation(actor=actor, entry=entry):
        raise RuleViolation(
            "SH-0050",
            _("Only the workshop that made the entry can correct or cancel it."),
            status=403,
        )


def correction_deadline(first_stored_at: datetime) -> datetime:
    return first_stored_at + timedelta(days=settings.SERVICE_ENTRY_CORRECTION_DAYS)


def require_correction_window(*, first_stored_at: datetime, now: datetime) -> None:
    if now > correction_deadline(first_stored_at):
        raise RuleViolation(
            "SH-0051",
            _("An entry can be corrected or cancelled only within %(days)s days of storing it.")
            % {"days": settings.SERVICE_ENTRY_CORRECTION_DAYS},
            status=409,
        )


def require_open(entry: ServiceEntry) -> None:
    """Corrections, cancellations and transfers act on the latest, uncancelled version."""
    if entry.cancelled_at is not None:
        raise RuleViolation("SH-0052", _("This entry has been cancelled."), status=409)
    if entry.superseded_at is not None:
        raise RuleViolation(
            "SH-0053",
            _("This entry has been replaced by a correction; please use the latest version."),
            status=409,
        )


def may_modify(
    *, actor: User, entry: ServiceEntry, first_stored_at: datetime, now: datetime
) -> bool:
    """Whether a correction or cancellation would pass SH-0050 to SH-0053 (the history's links)."""
    try:
        require_entering_organisation(actor=actor, entry=entry)
        require_open(entry)
        require_correction_window(first_stored_at=first_stored_at, now=now)
    except RuleViolation:
        return False
    return True


def clean_cancellation_reason(reason: str) -> str:
    value = (reason or "").strip()
    if not value:
        raise RuleViolation(
            "SH-0054", _("Please give a reason for the cancellation."), field="reason"
        )
    if len(value) > MAX_COMMENT_LENGTH:
        raise RuleViolation(
            "SH-0040",
            _("The reason may have at most %(max)s characters.") % {"max": MAX_COMMENT_LENGTH},
            field="reason",
        )
    return value


def require_tool_id(tool_id: str) -> str:
    value = (tool_id or "").strip()
    if not value:
        raise RuleViolation("SH-0060", _("The transfer needs the tool's id."), field="tool_id")
    return value[:100]


# The diagnosis tool's clock may run a little ahead of ours.
TRANSFER_CLOCK_SKEW = timedelta(minutes=10)


def require_transfer_time(
    transferred_at: datetime, *, stored_at: datetime, now: datetime
) -> datetime:
    """A time without zone (some diagnosis tools send local time) is read in the portal's zone."""
    if timezone.is_naive(transferred_at):
        transferred_at = timezone.make_aware(transferred_at)
    if transferred_at > now + TRANSFER_CLOCK_SKEW or transferred_at < stored_at:
        raise RuleViolation(
            "SH-0061",
            _("The time of transfer must lie between the storing of the entry and now."),
            field="transferred_at",
        )
    return transferred_at
