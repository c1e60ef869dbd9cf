"""The shape of an OBD fault code (DTC) and what the standard says about it: one place.

SAE J2012 / ISO 15031-6 write a diagnostic trouble code as five characters:

    P 0 3 0 1
    | | `-+-'-- three hexadecimal characters (0-9, A-F): the fault itself
    | `-------- a digit 0-3: who controls the code's meaning (see below)
    `---------- the system: P powertrain, B body, C chassis, U network communication

Who controls the meaning (J2012 DEC2007 section 5, "system groupings"):

- P0xxx and P2xxx: ISO/SAE controlled, the same meaning in every vehicle ("generic").
- P1xxx: manufacturer controlled ("manufacturer-specific").
- P3xxx: P3000-P33FF manufacturer controlled, P3400-P39FF ISO/SAE controlled. The standard
  names P3400-P3999; the hexadecimal third characters A-F above 9 belong to the same ISO/SAE
  range, so P34xx-P3Fxx is read as generic.
- B, C and U: 0 ISO/SAE controlled, 1 and 2 manufacturer controlled, 3 reserved by the
  standard (ISO/SAE): B0/B3, C0/C3, U0/U3 generic; B1/B2, C1/C2, U1/U2 manufacturer-specific.

Within P0xxx the third character names the group of the powertrain (`powertrain_group`).

`normalise` is the one function every form, import and API route uses to read a code.
"""

from __future__ import annotations

import re

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from aftersales.portal.errors import RuleViolation

from . import codes

CODE_RE = re.compile(r"^[PBCU][0-3][0-9A-F]{3}$")
# A bare "0301" (four characters) is how workshops and many tools say P0301.
BARE_RE = re.compile(r"^[0-3][0-9A-F]{3}$")
# Typed separators that carry no meaning: "P0 301", "P-0301".
_SEPARATORS = re.compile(r"[\s\-_.]")
_HEX = frozenset("0123456789ABCDEF")


class FaultSystem(models.TextChoices):
    POWERTRAIN = "P", gettext_lazy("Powertrain")
    BODY = "B", gettext_lazy("Body")
    CHASSIS = "C", gettext_lazy("Chassis")
    NETWORK = "U", gettext_lazy("Network communication")


class CodeScope(models.TextChoices):
    GENERIC = "generic", gettext_lazy("Generic (ISO/SAE)")
    MANUFACTURER = "manufacturer", gettext_lazy("Manufacturer-specific")


# Third character of a P0xxx code (J2012: the P0 system groupings).
POWERTRAIN_GROUPS = {
    "0": gettext_lazy("Fuel and air metering and auxiliary emission controls"),
    "1": gettext_lazy("Fuel and air metering"),
    "2": gettext_lazy("Fuel and air metering (injector circuit)"),
    "3": gettext_lazy("Ignition system or misfire"),
    "4": gettext_lazy("Auxiliary emission controls"),
    "5": gettext_lazy("Vehicle speed, idle control and auxiliary inputs"),
    "6": gettext_lazy("Computer and auxiliary outputs"),
    "7": gettext_lazy("Transmission"),
    "8": gettext_lazy("Transmission"),
    "9": gettext_lazy("Transmission"),
    "A": gettext_lazy("Hybrid propulsion"),
}

FORMAT_HELP = gettext_lazy(
    "A fault code has five characters: a letter P, B, C or U, a digit 0-3 and three "
    "hexadecimal characters 0-9 or A-F, e.g. P0301."
)


def _malformed(message: str, field: str) -> RuleViolation:
    return RuleViolation(codes.CODE_MALFORMED, f"{message} {FORMAT_HELP}", field=field)


def normalise(raw: str | None, *, field: str = "code") -> str:
    """The code in its canonical form (`p0301`, ` P0301 `, `0301` → `P0301`), or RuleViolation
    FC-0001 whose message names the rule that the input breaks."""
    value = _SEPARATORS.sub("", raw or "").upper()
    if not value:
        raise RuleViolation(codes.CODE_MALFORMED, _("Please enter a fault code."), field=field)
    if BARE_RE.match(value):
        value = f"P{value}"
    if len(value) != 5:
        raise _malformed(_("You entered %(count)d characters.") % {"count": len(value)}, field)
    letter, digit, rest = value[0], value[1], value[2:]
    if letter not in FaultSystem.values:
        raise _malformed(
            _("The first character must be P, B, C or U, not “%(char)s”.") % {"char": letter},
            field,
        )
    if digit == "O":
        raise _malformed(_("The second character is the letter O: use the digit 0."), field)
    if digit not in "0123":
        raise _malformed(
            _("The second character must be a digit 0-3, not “%(char)s”.") % {"char": digit},
            field,
        )
    wrong = next((char for char in rest if char not in _HEX), None)
    if wrong is not None:
        raise _malformed(
            _("The last three characters must be hexadecimal (0-9, A-F), not “%(char)s”.")
            % {"char": wrong},
            field,
        )
    return value


def is_code(value: str) -> bool:
    """True for a code already in canonical form."""
    return bool(CODE_RE.match(value))


def system_of(code: str) -> FaultSystem:
    return FaultSystem(code[0])


def scope_of(code: str) -> CodeScope:
    """Generic or manufacturer-specific, by the ranges of J2012 (module docstring)."""
    letter, digit, third = code[0], code[1], code[2]
    if letter == "P":
        if digit in "02":
            return CodeScope.GENERIC
        if digit == "1":
            return CodeScope.MANUFACTURER
        # P3: 0-3 manufacturer, 4-F ISO/SAE.
        return CodeScope.MANUFACTURER if third in "0123" else CodeScope.GENERIC
    return CodeScope.GENERIC if digit in "03" else CodeScope.MANUFACTURER


def powertrain_group(code: str) -> str:
    """The group of a generic P0 code ("Ignition system or misfire" for P0301); else ""."""
    if code[:2] != "P0":
        return ""
    group = POWERTRAIN_GROUPS.get(code[2])
    return str(group) if group else ""
