"""What a periodic emissions test measures: each quantity with its unit, the fuels it belongs
to, whether its nominal value is a range (min-max) or a limit (max), and the range an instrument
can plausibly read (a value outside it is a typing or instrument error: refused, never stored).

Nominal values (`NominalValues`, `LegalLimit`) store `<key>_min` / `<key>_max` for a range and
`<key>_max` for a limit; a recorded test stores the measured value as `<key>`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Fuel(models.TextChoices):
    PETROL = "petrol", _("Petrol (spark ignition)")
    DIESEL = "diesel", _("Diesel (compression ignition)")


RPM = "min⁻¹"


@dataclass(frozen=True)
class Quantity:
    key: str
    label: str | Promise
    unit: str
    fuels: tuple[str, ...]
    is_range: bool  # nominal min-max; else a limit (max)
    plausible: tuple[Decimal, Decimal]  # what an instrument can read
    decimals: int  # places shown and accepted
    example: str  # a typed value, for the error messages

    @property
    def bound_fields(self) -> tuple[str, ...]:
        return (f"{self.key}_min", f"{self.key}_max") if self.is_range else (f"{self.key}_max",)

    def applies_to(self, fuel: str) -> bool:
        return fuel in self.fuels


QUANTITIES: tuple[Quantity, ...] = (
    Quantity(
        "idle_rpm",
        _("Idle speed"),
        RPM,
        (Fuel.PETROL, Fuel.DIESEL),
        True,
        (Decimal(200), Decimal(3000)),
        0,
        "800",
    ),
    Quantity(
        "raised_idle_rpm",
        _("Raised idle speed"),
        RPM,
        (Fuel.PETROL,),
        True,
        (Decimal(1000), Decimal(5000)),
        0,
        "2500",
    ),
    Quantity(
        "co",
        _("CO at raised idle"),
        "% vol",
        (Fuel.PETROL,),
        False,
        (Decimal(0), Decimal(15)),
        2,
        "0,12",
    ),
    Quantity(
        "lambda",
        _("Lambda at raised idle"),
        "λ",
        (Fuel.PETROL,),
        True,
        (Decimal("0.5"), Decimal("2.0")),
        3,
        "0,998",
    ),
    Quantity(
        "smoke_k",
        _("Smoke opacity (k value)"),
        "m⁻¹",
        (Fuel.DIESEL,),
        False,
        (Decimal(0), Decimal("9.99")),
        2,
        "0,45",
    ),
    Quantity(
        "governed_rpm",
        _("Governed speed"),
        RPM,
        (Fuel.DIESEL,),
        True,
        (Decimal(1500), Decimal(7000)),
        0,
        "4900",
    ),
)
BY_KEY = {quantity.key: quantity for quantity in QUANTITIES}
BOUND_FIELDS: tuple[str, ...] = tuple(f for q in QUANTITIES for f in q.bound_fields)


def quantities_for(fuel: str) -> list[Quantity]:
    return [quantity for quantity in QUANTITIES if quantity.applies_to(fuel)]
