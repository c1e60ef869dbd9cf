"""Every rule of a key read, in one place, with its stable code (API and upload form alike).

The mileage is the Service history's rule (`servicehistory.rules.parse_mileage`: IPL-0051 for
anything but digits) and the VIN the vehicles app's (`vin_validate`: VIN-0001), except that a
key always carries the full 17 characters.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from aftersales.portal.errors import RuleViolation
from aftersales.servicehistory.rules import parse_mileage
from aftersales.vehicles import vin as vin_rules
from aftersales.vehicles.codes import VIN_MALFORMED
from aftersales.vehicles.models import MAX_MILEAGE_KM, CbsPosition
from aftersales.vehicles.selectors import vin_validate

from . import codes

__all__ = ["parse_mileage"]

MAX_RAW_BYTES = 64 * 1024  # a key's EEPROM image is a few kB; 64 kB leaves room for any reader
# The base64 text of MAX_RAW_BYTES: a longer text is refused before it is decoded.
MAX_RAW_BASE64 = 4 * -(-MAX_RAW_BYTES // 3)
MAX_KEY_NUMBER = 99
MAX_MESSAGE_TEXT = 200
# The key reader's clock may run a little ahead of ours.
READ_CLOCK_SKEW = timedelta(minutes=10)
_CC_CODE = re.compile(r"^[0-9]{1,4}$")
_BASE64_WHITESPACE = re.compile(rb"\s+")


@dataclass(frozen=True)
class CbsItemIn:
    position: str
    due_date: date | None = None
    remaining_km: int | None = None
    percent: int | None = None


@dataclass(frozen=True)
class MessageIn:
    code: str
    text: str


@dataclass(frozen=True)
class CbsItemChecked:
    position: CbsPosition
    due_date: date | None
    remaining_km: int | None
    percent: int | None


def require_full_vin(raw: str) -> str:
    value = vin_validate(raw)  # VIN-0001 for anything malformed
    if len(value) != vin_rules.VIN_LENGTH:
        raise RuleViolation(
            VIN_MALFORMED,
            _("A key carries the full vehicle identification number (17 characters)."),
            field="vin",
        )
    return value


def require_key_number(value: int) -> int:
    if not 0 <= value <= MAX_KEY_NUMBER:
        raise RuleViolation(
            codes.KEY_NUMBER,
            _("The key number must be between 0 and %(max)d.") % {"max": MAX_KEY_NUMBER},
            field="key_number",
        )
    return value


def require_read_time(read_at: datetime, *, now: datetime) -> datetime:
    """A time without zone (a reader set to local time) is read in the portal's time zone."""
    if timezone.is_naive(read_at):
        read_at = timezone.make_aware(read_at)
    if read_at > now + READ_CLOCK_SKEW:
        raise RuleViolation(
            codes.READ_TIME_FUTURE,
            _(
                "The time of the read (%(at)s) lies in the future. Please check the key reader's clock."
            )
            % {"at": timezone.localtime(read_at).strftime("%Y-%m-%d %H:%M")},
            field="read_at",
        )
    return read_at


def decode_raw_readout(text: str) -> bytes:
    """The raw read-out from its base64 text: at most MAX_RAW_BYTES (KR-0001, 413)."""
    encoded = (text or "").encode("ascii", errors="replace")
    encoded = _BASE64_WHITESPACE.sub(b"", encoded)  # readers wrap lines at 76 characters
    too_large = RuleViolation(
        codes.RAW_TOO_LARGE,
        _("The raw read-out may have at most 64 kB (65,536 bytes); this one has more."),
        field="raw_readout",
        extra={"max_bytes": MAX_RAW_BYTES},
    )
    if len(encoded) > MAX_RAW_BASE64:
        raise too_large
    try:
        data = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        data = b""
    if not data:
        raise RuleViolation(
            codes.RAW_INVALID,
            _("The raw read-out is missing or is not valid base64."),
            field="raw_readout",
        )
    if len(data) > MAX_RAW_BYTES:
        raise too_large
    return data


def require_cbs_items(
    items: Sequence[CbsItemIn], *, catalogue: dict[str, CbsPosition]
) -> list[CbsItemChecked]:
    """Each item of a known position, once, with a due date, remaining km or a percentage."""
    unknown = [item.position for item in items if item.position not in catalogue]
    if unknown:
        raise RuleViolation(
            codes.CBS_UNKNOWN,
            _("These CBS positions are not known: %(codes)s.") % {"codes": ", ".join(unknown)},
            field=f"cbs.{next(i for i, item in enumerate(items) if item.position in unknown)}",
            extra={"positions": unknown},
        )
    seen: set[str] = set()
    checked = []
    for index, item in enumerate(items):
        field = f"cbs.{index}"
        if item.position in seen:
            raise RuleViolation(
                codes.CBS_DUPLICATE,
                _("The CBS position %(code)s is listed more than once.") % {"code": item.position},
                field=field,
            )
        seen.add(item.position)
        if item.due_date is None and item.remaining_km is None and item.percent is None:
            raise RuleViolation(
                codes.CBS_VALUE,
                _(
                    "The CBS position %(code)s needs a due date, remaining kilometres or a percentage."
                )
                % {"code": item.position},
                field=field,
            )
        if item.percent is not None and not 0 <= item.percent <= 100:
            raise RuleViolation(
                codes.CBS_VALUE,
                _("The percentage of %(code)s must be between 0 and 100.")
                % {"code": item.position},
                field=f"{field}.percent",
            )
        if item.remaining_km is not None and abs(item.remaining_km) > MAX_MILEAGE_KM:
            raise RuleViolation(
                codes.CBS_VALUE,
                _("The remaining kilometres of %(code)s are not possible.")
                % {"code": item.position},
                field=f"{field}.remaining_km",
            )
        checked.append(
            CbsItemChecked(catalogue[item.position], item.due_date, item.remaining_km, item.percent)
        )
    return checked


def require_messages(messages: Iterable[MessageIn]) -> list[MessageIn]:
    checked = []
    for index, message in enumerate(messages):
        code = (message.code or "").strip()
        if not _CC_CODE.match(code):
            raise RuleViolation(
                codes.CC_CODE_SHAPE,
                _("The check-control code “%(code)s” must have 1 to 4 digits.")
                % {"code": code[:20]},
                field=f"check_control.{index}.code",
            )
        text = " ".join((message.text or "").split())
        if not text or len(text) > MAX_MESSAGE_TEXT:
            raise RuleViolation(
                codes.CC_TEXT,
                _("The check-control message %(code)s needs a text of at most %(max)d characters.")
                % {"code": code, "max": MAX_MESSAGE_TEXT},
                field=f"check_control.{index}.text",
            )
        checked.append(MessageIn(code, text))
    return checked
