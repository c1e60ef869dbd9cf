"""Every rule of the catalogue and of fault memory reports, with its stable FC- code (codes.py).

The shape of a code is dtc.normalise; the mileage of a report is Service history's rule
(IPL-0051: digits only; SH-0001 missing; SH-0002 not possible), so a workshop meets one mileage
rule in the whole portal.

Emissions test readiness (`emissions_test_readiness`): a vehicle is ready for the OBD part of
a statutory emissions test when the MIL is off and every monitor it supports has completed.
US I/M programmes tolerate one (model year 2001 on) or two incomplete monitors; the portal
follows the strict reading used in European periodic inspections and tolerates none
(ALLOWED_INCOMPLETE_MONITORS), so "not ready: catalyst monitor incomplete" is said whenever it
is true.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from aftersales.portal.errors import RuleViolation
from aftersales.servicehistory.rules import parse_mileage
from aftersales.vehicles.models import VehicleBrand

from . import codes, dtc
from .models import (
    MAX_CAUSES_LENGTH,
    MAX_DESCRIPTION_LENGTH,
    CodeStatus,
    MonitorState,
    ReadinessMonitor,
)

__all__ = ["parse_mileage"]

# A fault memory holds far fewer; more is a tool gone wrong.
MAX_CODES = 100
MAX_TOOL_ID_LENGTH = 100
ALLOWED_INCOMPLETE_MONITORS = 0
# The words of a search: at least two characters each, at most this many.
MIN_WORD_LENGTH = 2
MAX_WORDS = 8

_TRUE = {"1", "true", "yes", "y", "ja", "j", "x"}
_FALSE = {"0", "false", "no", "n", "nej", ""}


# --- The catalogue ----------------------------------------------------------------------------


def known_brand(brand: str, *, field: str = "brand") -> str:
    """A brand of the portal (VehicleBrand values) or "" (FC-0004 otherwise)."""
    brand = (brand or "").strip().lower()
    if brand and brand not in VehicleBrand.values:
        raise RuleViolation(
            codes.BRAND_UNKNOWN,
            _("“%(brand)s” is not a brand of the portal. Use one of: %(brands)s.")
            % {"brand": brand[:40], "brands": ", ".join(VehicleBrand.values)},
            field=field,
        )
    return brand


def require_brand(code: str, brand: str, *, field: str = "brand") -> str:
    """The brand of a catalogue entry: a known brand; required for manufacturer codes."""
    brand = known_brand(brand, field=field)
    if not brand and dtc.scope_of(code) == dtc.CodeScope.MANUFACTURER:
        raise RuleViolation(
            codes.BRAND_MISSING,
            _("%(code)s is manufacturer-specific: name the brand it belongs to.") % {"code": code},
            field=field,
        )
    return brand


def require_description(text: str, *, field: str = "description") -> str:
    text = (text or "").strip()
    if not text:
        raise RuleViolation(
            codes.DESCRIPTION_MISSING, _("Please enter the description."), field=field
        )
    return require_length(text, MAX_DESCRIPTION_LENGTH, field=field)


def require_length(text: str, limit: int, *, field: str) -> str:
    if len(text) > limit:
        raise RuleViolation(
            codes.TEXT_TOO_LONG,
            _("At most %(limit)d characters, please (%(count)d entered).")
            % {"limit": limit, "count": len(text)},
            field=field,
        )
    return text


def parse_causes(text: str, *, field: str = "possible_causes") -> str:
    """Causes separated by "|" or line breaks → one cause a line."""
    causes = [part.strip() for part in re.split(r"[|\n]", text or "") if part.strip()]
    return require_length("\n".join(causes), MAX_CAUSES_LENGTH, field=field)


def parse_flag(raw: str, *, default: bool, field: str) -> bool:
    value = (raw or "").strip().lower()
    if not value:
        return default
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise RuleViolation(
        codes.FLAG_INVALID,
        _("“%(value)s” is not a yes/no value: use yes or no (also true/false, 1/0).")
        % {"value": raw.strip()[:20]},
        field=field,
    )


def search_words(query: str) -> list[str]:
    """The words a description search looks for (each must appear): words of two characters
    or more, and numbers ("cylinder 3", "bank 2"); FC-0008 when there is no word to look for.
    Single letters carry no meaning and are left out."""
    words = [word for word in re.split(r"\s+", (query or "").strip()) if word]
    words = [word for word in words if len(word) >= MIN_WORD_LENGTH or word.isdigit()]
    words = words[:MAX_WORDS]
    if not any(len(word) >= MIN_WORD_LENGTH for word in words):
        raise RuleViolation(
            codes.SEARCH_TOO_SHORT,
            _("Please enter a word of at least %(count)d characters to search for.")
            % {"count": MIN_WORD_LENGTH},
            field="search",
        )
    return words


# --- Fault memory reports ---------------------------------------------------------------------


@dataclass(frozen=True)
class ReadCode:
    code: str
    status: str


def parse_read_at(raw: datetime | str | None, *, now: datetime) -> datetime:
    """The time of the read-out: a datetime, or "YYYY-MM-DD HH:MM" (also with T); a time
    without zone is the portal's local time. Never in the future."""
    value: datetime | None
    if isinstance(raw, datetime):
        value = raw
    else:
        text = (raw or "").strip()
        try:
            # A date alone does not say when in the day the car was read.
            value = (
                parse_datetime(text.replace(" ", "T", 1)) if "T" in text or " " in text else None
            )
        except ValueError:
            value = None
    if value is None:
        raise RuleViolation(
            codes.READ_AT_INVALID,
            _("Please enter the time of the read-out as YYYY-MM-DD HH:MM, e.g. 2026-11-20 09:30."),
            field="read_at",
        )
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    if value > now:
        raise RuleViolation(
            codes.READ_AT_FUTURE,
            _("The time of the read-out (%(at)s) lies in the future.")
            % {"at": timezone.localtime(value).strftime("%Y-%m-%d %H:%M")},
            field="read_at",
        )
    return value


def require_codes(rows: list[tuple[str, str]]) -> list[ReadCode]:
    """The read codes, normalised; each (code, status) once; a known status each."""
    if len(rows) > MAX_CODES:
        raise RuleViolation(
            codes.TOO_MANY_CODES,
            _("At most %(limit)d codes a report, please (%(count)d sent).")
            % {"limit": MAX_CODES, "count": len(rows)},
            field="codes",
        )
    result: list[ReadCode] = []
    seen: dict[tuple[str, str], int] = {}
    for index, (raw_code, raw_status) in enumerate(rows, start=1):
        code = dtc.normalise(raw_code, field=f"codes.{index}")
        status = (raw_status or "").strip().lower()
        if status not in CodeStatus.values:
            raise RuleViolation(
                codes.STATUS_UNKNOWN,
                _("The status of %(code)s must be confirmed, pending or permanent.")
                % {"code": code},
                field=f"codes.{index}",
            )
        if (code, status) in seen:
            raise RuleViolation(
                codes.DUPLICATE_LINE,
                _("%(code)s (%(status)s) is listed twice (rows %(first)d and %(second)d).")
                % {
                    "code": code,
                    "status": CodeStatus(status).label,
                    "first": seen[(code, status)],
                    "second": index,
                },
                field=f"codes.{index}",
            )
        seen[(code, status)] = index
        result.append(ReadCode(code, status))
    return result


def require_readiness(raw: dict[str, Any]) -> dict[str, str]:
    """{monitor: state} with known monitors and states (FC-0011, FC-0012)."""
    result: dict[str, str] = {}
    for monitor, state in raw.items():
        key = str(monitor).strip().lower()
        if key not in ReadinessMonitor.values:
            raise RuleViolation(
                codes.MONITOR_UNKNOWN,
                _("“%(monitor)s” is not a readiness monitor. Known: %(known)s.")
                % {"monitor": str(monitor)[:40], "known": ", ".join(ReadinessMonitor.values)},
                field=f"readiness.{str(monitor)[:40]}",
            )
        value = str(state or "").strip().lower()
        if value not in MonitorState.values:
            raise RuleViolation(
                codes.MONITOR_STATE_UNKNOWN,
                _("The %(monitor)s monitor must be complete, incomplete or not_supported.")
                % {"monitor": ReadinessMonitor(key).label},
                field=f"readiness.{key}",
            )
        result[key] = value
    return result


def require_tool_id(raw: str) -> str:
    return require_length((raw or "").strip(), MAX_TOOL_ID_LENGTH, field="tool_id")


@dataclass(frozen=True)
class EmissionsTestReadiness:
    ready: bool
    mil_on: bool
    incomplete: list[str] = field(default_factory=list)  # monitor values

    def reasons(self) -> list[str]:
        """What stands in the way, in words: "MIL on", "catalyst monitor incomplete"."""
        reasons = [_("MIL on")] if self.mil_on else []
        reasons += [
            _("%(monitor)s monitor incomplete")
            % {"monitor": str(ReadinessMonitor(monitor).label).lower()}
            for monitor in self.incomplete
        ]
        return reasons

    def summary(self) -> str:
        if self.ready:
            return _("ready for an emissions test")
        return _("not ready: %(reasons)s") % {"reasons": "; ".join(self.reasons())}


def emissions_test_readiness(*, mil_on: bool, readiness: dict[str, str]) -> EmissionsTestReadiness:
    """The one rule whether a read-out allows an emissions test (module docstring)."""
    incomplete = [
        monitor
        for monitor in ReadinessMonitor.values
        if readiness.get(monitor) == MonitorState.INCOMPLETE
    ]
    ready = not mil_on and len(incomplete) <= ALLOWED_INCOMPLETE_MONITORS
    return EmissionsTestReadiness(ready=ready, mil_on=mil_on, incomplete=incomplete)
