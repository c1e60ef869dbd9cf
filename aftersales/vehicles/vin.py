"""The vehicle identification number (ISO 3779): normalising, checking, check digit, brand.

Pure functions except `wmi_for` / `brand_for_vin`, which read the WMI table (operator data,
filled by the data migration 0002_wmi_data and kept in the back office).

- A full VIN has 17 characters from the VIN alphabet: the digits and the letters A-Z without
  I, O and Q (they would be mistaken for 1 and 0).
- The last 7 characters (plant letter + serial number) identify a BMW Group vehicle; the VIN
  entry accepts them alone.
- Position 9 is the check digit. It is mandatory only for North American vehicles (the WMI
  table says which makers are North American; a first character 1-5 is North America by ISO
  3780 too). Elsewhere BMW often writes another character there, so a mismatch is never a
  refusal: the selector reports it as a warning.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from .models import WorldManufacturerIdentifier

VIN_LENGTH = 17
SHORT_VIN_LENGTH = 7
VIN_ALPHABET = "0123456789ABCDEFGHJKLMNPRSTUVWXYZ"
VIN_RE = re.compile(r"^[A-HJ-NPR-Z0-9]{17}$")
SHORT_VIN_RE = re.compile(r"^[A-HJ-NPR-Z0-9]{7}$")
_WHITESPACE = re.compile(r"\s+")

# ISO 3779 / 49 CFR 565: the value of each character and the weight of each position.
_TRANSLITERATION = {
    **{str(digit): digit for digit in range(10)},
    **dict(zip("ABCDEFGH", range(1, 9), strict=True)),
    **dict(zip("JKLMN", range(1, 6), strict=True)),
    "P": 7,
    "R": 9,
    **dict(zip("STUVWXYZ", range(2, 10), strict=True)),
}
_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)
# ISO 3780: a first character 1-5 is a maker in North America (USA, Canada, Mexico).
NORTH_AMERICAN_REGION = frozenset("12345")


def normalize_vin(raw: str) -> str:
    """Trimmed, upper-cased, without spaces: " wbauv710 70a193748 " -> "WBAUV71070A193748"."""
    if raw and raw.isascii() and raw.isalnum() and raw.isupper():
        return raw  # already normalised (the usual case in an import): no regex
    return _WHITESPACE.sub("", raw or "").upper()


def is_vin_alphabet(value: str) -> bool:
    """Digits and A-Z without I, O and Q (an empty string is not a VIN)."""
    return bool(value) and all(char in VIN_ALPHABET for char in value)


def is_full_vin(value: str) -> bool:
    """17 characters of the VIN alphabet (the value must be normalised first)."""
    return bool(VIN_RE.match(value))


def is_short_vin(value: str) -> bool:
    """The last 7 characters of a VIN (plant + serial number)."""
    return bool(SHORT_VIN_RE.match(value))


def check_digit(vin17: str) -> str:
    """The check digit (position 9) a VIN should carry: "0"-"9" or "X"."""
    vin17 = normalize_vin(vin17)
    if not is_full_vin(vin17):
        raise ValueError(f"not a 17-character VIN: {vin17!r}")
    total = sum(
        _TRANSLITERATION[char] * weight for char, weight in zip(vin17, _WEIGHTS, strict=True)
    )
    remainder = total % 11
    return "X" if remainder == 10 else str(remainder)


def has_valid_check_digit(vin17: str) -> bool:
    return normalize_vin(vin17)[8] == check_digit(vin17)


def with_check_digit(vin17: str) -> str:
    """The VIN with position 9 replaced by its correct check digit (for demo and test data)."""
    vin17 = normalize_vin(vin17)
    return vin17[:8] + check_digit(vin17) + vin17[9:]


def wmi_of(vin: str) -> str:
    """The World Manufacturer Identifier: the first three characters."""
    return normalize_vin(vin)[:3]


def wmi_for(vin: str) -> WorldManufacturerIdentifier | None:
    """The WMI row of a VIN, or None when the maker is not in the table (one query)."""
    return WorldManufacturerIdentifier.objects.filter(wmi=wmi_of(vin)).first()


def wmi_table() -> dict[str, tuple[str, bool]]:
    """{wmi: (brand, north_american)} of the whole table (one query; for imports)."""
    return {
        row.wmi: (row.brand, row.north_american)
        for row in WorldManufacturerIdentifier.objects.all()
    }


def brand_for_vin(vin: str, table: dict[str, tuple[str, bool]] | None = None) -> str:
    """The brand ("bmw", "mini", ...) the WMI table gives this VIN; "" when the maker is unknown."""
    if table is not None:
        return table.get(wmi_of(vin), ("", False))[0]
    row = wmi_for(vin)
    return row.brand if row else ""


def is_north_american(vin: str, table: dict[str, tuple[str, bool]] | None = None) -> bool:
    """Made for/in North America: the WMI table says so, or the ISO region (first character 1-5)."""
    vin = normalize_vin(vin)
    if vin[:1] in NORTH_AMERICAN_REGION:
        return True
    if table is not None:
        return table.get(wmi_of(vin), ("", False))[1]
    row = wmi_for(vin)
    return bool(row and row.north_american)


def check_digit_warning(vin17: str, table: dict[str, tuple[str, bool]] | None = None) -> str | None:
    """A warning text when a North American VIN carries a wrong check digit, else None.

    Only a mismatch reads the WMI table, so a correct VIN costs no query.
    """
    vin17 = normalize_vin(vin17)
    if table is not None:
        # With the table in memory (imports) the region is the cheaper question to ask first.
        if not is_north_american(vin17, table) or has_valid_check_digit(vin17):
            return None
    elif has_valid_check_digit(vin17) or not is_north_american(vin17, table):
        return None
    return _(
        "The check digit (position 9) of %(vin)s should be %(expected)s, not %(actual)s. "
        "Please compare the VIN with the vehicle."
    ) % {"vin": vin17, "expected": check_digit(vin17), "actual": vin17[8]}
