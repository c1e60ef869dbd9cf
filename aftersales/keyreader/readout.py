"""The documented JSON form of a key read (README.md): the body of `POST /api/v1/key-reads`
and the content of a read-out file uploaded on the Key reads page. One schema for both, and
one way into `services.key_read_store`.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import IO, Any

from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import ValidationError

from aftersales.accounts.models import Organisation, User
from aftersales.api.models import ApiToken
from aftersales.api.text import IntOrText, MultilineText, Text
from aftersales.portal.errors import RuleViolation

from . import codes, services
from .models import KeyRead
from .rules import CbsItemIn, MessageIn

MAX_FILE_BYTES = 256 * 1024  # 64 kB of raw read-out are 88 kB of base64, plus the rest
MAX_CBS_ITEMS = 40
MAX_MESSAGES = 50


class KeyReadCbsIn(Schema):
    position: Text = Field(
        max_length=40,
        description="Code of the CBS position (as in `/vehicles/{vin}/cbs-positions`), e.g. "
        "`engine_oil`; unknown codes are refused (KR-0004).",
    )
    due_date: date | None = Field(None, description="The date on which the position is due.")
    remaining_km: int | None = Field(
        None, description="Kilometres until the position is due (negative: overdue)."
    )
    percent: int | None = Field(
        None, description="Remaining life in percent (0-100), where the car measures it."
    )


class KeyReadMessageIn(Schema):
    code: Text = Field(max_length=20, description="Check-control code, 1 to 4 digits (KR-0007).")
    text: MultilineText = Field(
        max_length=1000, description="The text the car showed (at most 200 characters)."
    )


class KeyReadIn(Schema):
    vin: Text = Field(
        max_length=40,
        description="The full VIN stored in the key (17 characters; VIN-0001 if malformed). A VIN "
        "the central data do not know yet is stored unmatched, not refused.",
        examples=["WBAUV71070A193748"],
    )
    key_number: int = Field(description="Number of the key (0-99), as the car counts its keys.")
    read_at: datetime = Field(
        description="When the key was read (ISO 8601; without a zone: the portal's time zone). "
        "Not in the future (KR-0003)."
    )
    mileage: IntOrText = Field(
        description="Mileage stored in the key, in km, only the digits 0-9 (else IPL-0051).",
        examples=["131480"],
    )
    cbs: list[KeyReadCbsIn] = Field(
        default_factory=list, max_length=MAX_CBS_ITEMS, description="Service needs (CBS)."
    )
    check_control: list[KeyReadMessageIn] = Field(
        default_factory=list, max_length=MAX_MESSAGES, description="Check-control messages."
    )
    raw_readout: MultilineText = Field(
        description="The key's raw read-out, base64; at most 64 kB decoded (else 413 KR-0001). "
        "Kept as a file with the read."
    )


def key_read_store_from(
    payload: KeyReadIn,
    *,
    organisation: Organisation,
    device: ApiToken | None = None,
    uploaded_by: User | None = None,
) -> tuple[KeyRead, bool]:
    return services.key_read_store(
        organisation=organisation,
        vin=payload.vin,
        key_number=payload.key_number,
        read_at=payload.read_at,
        mileage=str(payload.mileage),
        cbs=[CbsItemIn(i.position, i.due_date, i.remaining_km, i.percent) for i in payload.cbs],
        check_control=[MessageIn(m.code, m.text) for m in payload.check_control],
        raw_readout=payload.raw_readout,
        device=device,
        uploaded_by=uploaded_by,
    )


def _form_errors(error: ValidationError) -> list[dict[str, Any]]:
    return [
        {"field": ".".join(str(part) for part in item["loc"]) or "file", "message": item["msg"]}
        for item in error.errors()
    ]


def parse_file(upload: IO[bytes], *, size: int) -> KeyReadIn:
    """A read-out file's content in the documented form; KR-0011 when too large (not read then),
    KR-0010 when it is not JSON of that form (the message names the fields)."""
    if size > MAX_FILE_BYTES:
        raise RuleViolation(
            codes.FILE_TOO_LARGE,
            _("The file has %(size)s kB; a read-out file may have at most %(max)d kB.")
            % {"size": f"{size / 1024:,.0f}", "max": MAX_FILE_BYTES // 1024},
            field="file",
        )
    content = upload.read(MAX_FILE_BYTES + 1)
    try:
        data = json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        raise RuleViolation(
            codes.FILE_FORM,
            _("The file is not JSON. Please upload the read-out file in the documented form."),
            field="file",
        ) from None
    try:
        return KeyReadIn.model_validate(data)
    except ValidationError as error:
        errors = _form_errors(error)
        raise RuleViolation(
            codes.FILE_FORM,
            _("The file is not in the documented form: %(errors)s.")
            % {"errors": "; ".join(f"{e['field']}: {e['message']}" for e in errors[:5])},
            field="file",
            extra={"errors": errors},
        ) from None
