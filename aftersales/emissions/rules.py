"""The rules of the emissions test, one place for pages, API, imports and back office.

- A measured value is typed as text or sent as a number: `parse_measured` reads "0,98" and
  "0.98" alike, refuses anything else with a clear error (EMT-0001), and refuses a value outside
  what an instrument can read for that quantity (EMT-0002: refused, nothing is stored). It is
  rounded to the places the instrument shows (rpm whole, CO 2, lambda 3, k 2 places).
- Which nominal value applies: the manufacturer's value of the narrowest `NominalValues` row
  valid for the vehicle; where it gives none, the legal limit of the vehicle's fuel and date
  of first registration (selectors.vehicle_values). Every bound says its source.
- `evaluate`: each quantity with a nominal value must be measured (EMT-0003) and lie within it;
  where the OBD check is part of the test, every supported readiness monitor is complete and
  the MIL is off. The test passes when every check does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from aftersales.portal.errors import RuleViolation

from . import codes
from .quantities import BY_KEY, QUANTITIES, Fuel, Quantity

MAX_DETAIL_LENGTH = 100
MANUFACTURER = "manufacturer"
LEGAL = "legal"


def _number(raw: object) -> Decimal | None:
    """A Decimal from a number or a text with a decimal point or comma; None if empty."""
    if raw is None:
        return None
    if isinstance(raw, Decimal | int) and not isinstance(raw, bool):
        return Decimal(raw)
    if isinstance(raw, float):
        return Decimal(str(raw))
    text = str(raw).strip().replace(" ", "")
    if not text:
        return None
    if text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")
    if not all(ch.isdigit() or ch in ".-+" for ch in text):
        raise ValueError(text)
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValueError(text) from None
    if not value.is_finite():
        raise ValueError(text)
    return value


def quantize(quantity: Quantity, value: Decimal) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-quantity.decimals), rounding=ROUND_HALF_UP)


def formatted(quantity: Quantity, value: Decimal | None) -> str:
    return "" if value is None else f"{quantize(quantity, value):f}"


def plausible_text(quantity: Quantity) -> str:
    low, high = quantity.plausible
    return f"{formatted(quantity, low)}–{formatted(quantity, high)} {quantity.unit}".strip()


def parse_measured(quantity: Quantity, raw: object, *, field: str | None = None) -> Decimal | None:
    """The measured value of a quantity, or None when nothing was entered."""
    name = field or f"measured_{quantity.key}"
    try:
        value = _number(raw)
    except ValueError:
        raise RuleViolation(
            codes.VALUE_NOT_A_NUMBER,
            _(
                "%(quantity)s: “%(value)s” is not a number. Enter digits with a decimal point or "
                "comma, e.g. %(example)s."
            )
            % {
                "quantity": quantity.label,
                "value": str(raw)[:20],
                "example": quantity.example,
            },
            field=name,
        ) from None
    if value is None:
        return None
    low, high = quantity.plausible
    if not low <= value <= high:
        raise RuleViolation(
            codes.VALUE_IMPLAUSIBLE,
            _(
                "%(quantity)s: %(value)s %(unit)s is outside what a test instrument reads "
                "(%(range)s). Please check the instrument and the value; nothing was stored."
            )
            % {
                "quantity": quantity.label,
                "value": f"{value:f}",
                "unit": quantity.unit,
                "range": plausible_text(quantity),
            },
            field=name,
        )
    return quantize(quantity, value)


def parse_tested_at(raw: datetime | str | None, *, now: datetime) -> datetime:
    """When the test was made: a date and time (a time zone, else the portal's), not later
    than now (a minute of clock difference is allowed)."""
    if isinstance(raw, datetime):
        value: datetime | None = raw
    else:
        text = str(raw or "").strip().replace("T", " ")
        try:
            value = parse_datetime(text) if text else None
        except ValueError:
            value = None
    if value is None:
        raise RuleViolation(
            codes.TESTED_AT_INVALID,
            _("Please enter the time of the test as YYYY-MM-DD HH:MM."),
            field="tested_at",
        )
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    if (value - now).total_seconds() > 60:
        raise RuleViolation(
            codes.TESTED_AT_INVALID,
            _("The time of the test lies in the future."),
            field="tested_at",
        )
    return value


def require_detail(value: str, *, field: str, label: str) -> str:
    text = " ".join((value or "").split())
    if not text or len(text) > MAX_DETAIL_LENGTH:
        raise RuleViolation(
            codes.DETAIL_MISSING,
            _("Please enter the %(what)s (at most %(max)d characters).")
            % {"what": label, "max": MAX_DETAIL_LENGTH},
            field=field,
        )
    return text


# --- Nominal values kept by the operator ------------------------------------------------------


def nominal_bound(quantity: Quantity, name: str, raw: object) -> Decimal | None:
    """A bound of the back office or an import: a number within the instrument's range."""
    try:
        return parse_measured(quantity, raw, field=name)
    except RuleViolation as violation:
        raise RuleViolation(codes.NOMINAL_INVALID, violation.message, field=name) from None


def check_nominal(*, fuel: str, bounds: dict[str, Decimal | None]) -> None:
    """EMT-0010 when the fuel is unknown or a range ends below its start."""
    if fuel not in Fuel.values:
        raise RuleViolation(
            codes.NOMINAL_INVALID,
            _("The fuel is %(fuel)s; it must be one of: %(known)s.")
            % {"fuel": fuel or "–", "known": ", ".join(Fuel.values)},
            field="fuel",
        )
    for quantity in QUANTITIES:
        if not quantity.is_range:
            continue
        low, high = (bounds.get(name) for name in quantity.bound_fields)
        if low is not None and high is not None and high < low:
            raise RuleViolation(
                codes.NOMINAL_INVALID,
                _("%(quantity)s: the range ends (%(high)s) below its start (%(low)s).")
                % {"quantity": quantity.label, "low": f"{low:f}", "high": f"{high:f}"},
                field=quantity.bound_fields[1],
            )


# --- Judging a test ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Bound:
    value: Decimal | None
    source: str = ""  # MANUFACTURER, LEGAL or "" (none)


@dataclass(frozen=True)
class Nominal:
    """The nominal value of one quantity for one vehicle, with the source of each bound."""

    quantity: Quantity
    low: Bound
    high: Bound
    legal_name: str = ""

    @property
    def given(self) -> bool:
        return self.low.value is not None or self.high.value is not None

    @property
    def sources(self) -> list[str]:
        found = [bound.source for bound in (self.low, self.high) if bound.value is not None]
        return list(dict.fromkeys(found))

    def text(self) -> str:
        """ "0.970–1.030", "≤ 0.20", "≥ 2000", "" when nothing is given (unit not included)."""
        low, high = (formatted(self.quantity, b.value) for b in (self.low, self.high))
        if low and high:
            return f"{low}–{high}"
        if high:
            return f"≤ {high}"
        if low:
            return f"≥ {low}"
        return ""

    def holds(self, value: Decimal) -> bool:
        return (self.low.value is None or self.low.value <= value) and (
            self.high.value is None or value <= self.high.value
        )


@dataclass(frozen=True)
class ObdState:
    ready: bool
    mil_on: bool

    def failures(self) -> list[str]:
        return [*(["mil_on"] if self.mil_on else []), *(["not_ready"] if not self.ready else [])]


@dataclass
class Outcome:
    checks: list[dict[str, object]] = field(default_factory=list)
    obd_failures: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.obd_failures and all(check["ok"] for check in self.checks)


def evaluate(
    *,
    nominals: list[Nominal],
    measured: dict[str, Decimal | None],
    obd_check: bool,
    obd: ObdState | None,
) -> Outcome:
    """Each check with the nominal value it was judged against (the record keeps it). Every
    quantity with a nominal value must have been measured (EMT-0003); a measured value of a
    quantity without one is kept without a verdict."""
    outcome = Outcome()
    for nominal in nominals:
        quantity = nominal.quantity
        value = measured.get(quantity.key)
        if value is None:
            if nominal.given:
                raise RuleViolation(
                    codes.VALUE_MISSING,
                    _("Please enter the measured %(quantity)s (%(unit)s).")
                    % {"quantity": str(quantity.label).lower(), "unit": quantity.unit},
                    field=f"measured_{quantity.key}",
                )
            continue
        outcome.checks.append(
            {
                "quantity": quantity.key,
                "measured": formatted(quantity, value),
                "min": formatted(quantity, nominal.low.value),
                "max": formatted(quantity, nominal.high.value),
                "min_source": nominal.low.source if nominal.low.value is not None else "",
                "max_source": nominal.high.source if nominal.high.value is not None else "",
                "legal_name": nominal.legal_name if LEGAL in nominal.sources else "",
                "ok": nominal.holds(value) if nominal.given else True,
                "judged": nominal.given,
            }
        )
    if obd_check:
        if obd is None:
            raise RuleViolation(
                codes.OBD_STATE_MISSING,
                _(
                    "The OBD check is part of this test: please enter whether the readiness is "
                    "complete and whether the MIL is on."
                ),
                field="obd_ready",
            )
        outcome.obd_failures = obd.failures()
    return outcome


def check_label(check: dict[str, object]) -> str:
    quantity = BY_KEY[str(check["quantity"])]
    return str(quantity.label)
