"""Postcodes and phone numbers of the countries the portal serves (vat.COUNTRIES).

Checked offline, by format: the postcode against the country's pattern, the phone number
against the country's calling code and the length of its national numbers (the ITU plans),
in international ("+45 ...", "0045 ...") or national writing ("089 123456").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from . import codes
from .vat import COUNTRIES

# Country: (pattern of the postcode, upper case, one space or hyphen as written; an example).
POSTCODE_FORMATS: dict[str, tuple[str, str]] = {
    "AT": (r"[0-9]{4}", "1010"),
    "BE": (r"[0-9]{4}", "1000"),
    "BG": (r"[0-9]{4}", "1000"),
    "CH": (r"[0-9]{4}", "8001"),
    "CY": (r"[0-9]{4}", "1010"),
    "CZ": (r"[0-9]{3} ?[0-9]{2}", "110 00"),
    "DE": (r"[0-9]{5}", "80331"),
    "DK": (r"[0-9]{4}", "7100"),
    "EE": (r"[0-9]{5}", "10111"),
    "ES": (r"[0-9]{5}", "28001"),
    "FI": (r"[0-9]{5}", "00100"),
    "FR": (r"[0-9]{5}", "75001"),
    "GB": (r"[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}", "SW1A 1AA"),
    "GR": (r"[0-9]{3} ?[0-9]{2}", "105 57"),
    "HR": (r"[0-9]{5}", "10000"),
    "HU": (r"[0-9]{4}", "1051"),
    "IE": (r"[A-Z][0-9]{2}[0-9W]? ?[0-9A-Z]{4}", "D02 X285"),
    "IS": (r"[0-9]{3}", "101"),
    "IT": (r"[0-9]{5}", "00118"),
    "LI": (r"94[89][0-9]", "9490"),
    "LT": (r"(?:LT-)?[0-9]{5}", "LT-01100"),
    "LU": (r"(?:L-)?[0-9]{4}", "L-1111"),
    "LV": (r"(?:LV-)?[0-9]{4}", "LV-1050"),
    "MT": (r"[A-Z]{3} ?[0-9]{2,4}", "VLT 1117"),
    "NL": (r"[0-9]{4} ?[A-Z]{2}", "1012 AB"),
    "NO": (r"[0-9]{4}", "0150"),
    "PL": (r"[0-9]{2}-[0-9]{3}", "00-950"),
    "PT": (r"[0-9]{4}-[0-9]{3}", "1000-001"),
    "RO": (r"[0-9]{6}", "010011"),
    "SE": (r"[0-9]{3} ?[0-9]{2}", "114 55"),
    "SI": (r"(?:SI-)?[0-9]{4}", "1000"),
    "SK": (r"[0-9]{3} ?[0-9]{2}", "811 01"),
}


@dataclass(frozen=True)
class PhonePlan:
    calling_code: str
    shortest: int  # digits of a national number without the trunk prefix
    longest: int
    trunk: tuple[str, ...] = ()  # what a national number starts with before the area code
    example: str = ""


PHONE_PLANS: dict[str, PhonePlan] = {
    "AT": PhonePlan("43", 4, 13, ("0",), "+43 1 234 5678"),
    "BE": PhonePlan("32", 8, 9, ("0",), "+32 2 123 45 67"),
    "BG": PhonePlan("359", 7, 9, ("0",), "+359 2 123 4567"),
    "CH": PhonePlan("41", 9, 9, ("0",), "+41 44 123 45 67"),
    "CY": PhonePlan("357", 8, 8, (), "+357 22 123456"),
    "CZ": PhonePlan("420", 9, 9, (), "+420 212 345 678"),
    "DE": PhonePlan("49", 6, 13, ("0",), "+49 89 123456"),
    "DK": PhonePlan("45", 8, 8, (), "+45 75 82 12 34"),
    "EE": PhonePlan("372", 7, 8, (), "+372 612 3456"),
    "ES": PhonePlan("34", 9, 9, (), "+34 912 345 678"),
    "FI": PhonePlan("358", 5, 12, ("0",), "+358 9 123 4567"),
    "FR": PhonePlan("33", 9, 9, ("0",), "+33 1 23 45 67 89"),
    "GB": PhonePlan("44", 9, 10, ("0",), "+44 20 7946 0018"),
    "GR": PhonePlan("30", 10, 10, (), "+30 21 1234 5678"),
    "HR": PhonePlan("385", 8, 9, ("0",), "+385 1 234 5678"),
    "HU": PhonePlan("36", 8, 9, ("06",), "+36 1 234 5678"),
    "IE": PhonePlan("353", 7, 9, ("0",), "+353 1 234 5678"),
    "IS": PhonePlan("354", 7, 7, (), "+354 512 3456"),
    "IT": PhonePlan("39", 6, 11, (), "+39 06 1234 5678"),
    "LI": PhonePlan("423", 7, 7, (), "+423 234 56 78"),
    "LT": PhonePlan("370", 8, 8, ("8", "0"), "+370 5 212 3456"),
    "LU": PhonePlan("352", 4, 11, (), "+352 26 12 34 56"),
    "LV": PhonePlan("371", 8, 8, (), "+371 6712 3456"),
    "MT": PhonePlan("356", 8, 8, (), "+356 2123 4567"),
    "NL": PhonePlan("31", 9, 9, ("0",), "+31 20 123 4567"),
    "NO": PhonePlan("47", 8, 8, (), "+47 22 12 34 56"),
    "PL": PhonePlan("48", 9, 9, (), "+48 22 123 45 67"),
    "PT": PhonePlan("351", 9, 9, (), "+351 21 123 4567"),
    "RO": PhonePlan("40", 9, 9, ("0",), "+40 21 123 4567"),
    "SE": PhonePlan("46", 7, 10, ("0",), "+46 8 123 456 78"),
    "SI": PhonePlan("386", 8, 8, ("0",), "+386 1 234 56 78"),
    "SK": PhonePlan("421", 9, 9, ("0",), "+421 2 1234 5678"),
}

_PHONE_CHARACTERS = re.compile(r"^\+?[0-9 ()./-]+$")
_SEPARATORS = re.compile(r"[ ()./-]")


def _country_name(country: str) -> str:
    return str(COUNTRIES.get(country, country))


def clean_postcode(country: str, value: str) -> str:
    """The postcode, trimmed and in upper case; ValidationError ACC-0012 if it does not have
    the country's format."""
    postcode = " ".join(value.split()).upper()
    pattern, example = POSTCODE_FORMATS.get(country.upper(), (r".{1,20}", ""))
    if not re.fullmatch(pattern, postcode):
        message = _("This is not a postcode of %(country)s; it is written like %(example)s.") % {
            "country": _country_name(country.upper()),
            "example": example,
        }
        raise ValidationError(f"{codes.POSTCODE_FORMAT} {message}", code=codes.POSTCODE_FORMAT)
    return postcode


def _national_digits(country: str, value: str) -> str | None:
    """The national significant number's digits, or None when the number is not one of
    `country`'s (characters, calling code)."""
    plan = PHONE_PLANS[country]
    text = value.replace("(0)", " ")  # "+44 (0)20 ..." names the trunk prefix for callers at home
    if not _PHONE_CHARACTERS.match(text):
        return None
    digits = _SEPARATORS.sub("", text)
    if digits.startswith("+") or digits.startswith("00"):
        digits = digits.removeprefix("+") if digits.startswith("+") else digits[2:]
        if not digits.startswith(plan.calling_code):
            return None
        return digits[len(plan.calling_code) :]
    for trunk in plan.trunk:
        if digits.startswith(trunk):
            return digits[len(trunk) :]
    return digits


def clean_phone(country: str, value: str) -> str:
    """The phone number as written (trimmed); ValidationError ACC-0013 if it is not a number
    of the country: its calling code and the length of its national numbers."""
    country = country.upper()
    phone = value.strip()
    plan = PHONE_PLANS.get(country)
    if plan is None:
        return phone
    national = _national_digits(country, phone)
    if national is None or not plan.shortest <= len(national) <= plan.longest:
        message = _("This is not a phone number of %(country)s; write it like %(example)s.") % {
            "country": _country_name(country),
            "example": plan.example,
        }
        raise ValidationError(f"{codes.PHONE_FORMAT} {message}", code=codes.PHONE_FORMAT)
    return phone
