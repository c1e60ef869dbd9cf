"""The canonical serialisation of a chain link and its hash (format version 1).

Every stored version of a service entry (its creation or correction) and every change of its
state (cancellation, transfer confirmation) is one link of its vehicle's chain. A link's
*payload* is one line of JSON, UTF-8, without whitespace, keys in exactly this order:

    v          1 (this format)
    vin        the vehicle's VIN
    seq        the link's position in the vehicle's chain, from 1
    kind       "created" | "corrected" | "cancelled" | "transferred"
    entry      the entry number of the first version ("SH-000123")
    version    the version of the entry the link is about (1, 2, ...)
    date       maintenance date, "YYYY-MM-DD"
    km         mileage, integer km
    positions  the CBS position codes done, sorted by code
    lines      the stored order lines by line number, each a list:
               [kind, number, description, quantity, unit, unit price, gross amount, reference]
               (decimals as strings with 2 / 4 / 2 places, a missing price as null)
    comment    SHA-256 (hex) of the comment's UTF-8 bytes: the comment itself is never copied,
               so that a certificate proves the entry without showing it
    org        the entering organisation's id: an organisation, never a person
    stored_at  when the version was stored (UTC, "YYYY-MM-DDTHH:MM:SS.ffffffZ")
    consent_at when the owner's consent to storing was given (same format)
    at         when this change happened: stored_at for created/corrected, the cancellation or
               transfer time otherwise
    replaces   corrected: the version it replaces; cancelled: SHA-256 of the reason;
               transferred: the diagnosis tool's id; created: null

JSON strings escape only what JSON must (`ensure_ascii=False`), so "ø" is one UTF-8 character.

The link's hash is SHA-256 (hex) over the UTF-8 bytes of

    "aftersales-chain-v1\n" + <previous link's hash, or 64 zeros for the first> + "\n" + payload

so each link seals the whole chain before it. Anyone with the payloads can recompute every hash;
`verification.py` does it for all chains, and compares each payload with the one rebuilt from
the stored entry, so a changed entry row breaks its link as much as a changed link does.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from functools import cached_property
from typing import Any

FORMAT = 1
PREFIX = b"aftersales-chain-v1\n"
GENESIS = "0" * 64


class Kind:
    CREATED = "created"
    CORRECTED = "corrected"
    CANCELLED = "cancelled"
    TRANSFERRED = "transferred"
    ALL = (CREATED, CORRECTED, CANCELLED, TRANSFERRED)


@dataclass(frozen=True)
class EntryVersion:
    """What is hashed of one stored version of an entry, read from its rows."""

    entry_id: int
    chain_id: int  # the first version's id: the entry number
    version: int
    maintenance_date: date
    mileage_km: int
    positions: Sequence[str]
    lines: Sequence[Sequence[Any]]  # (kind, number, description, qty, unit, price, gross, ref)
    comment: str
    organisation_id: int
    created_at: datetime
    consent_given_at: datetime
    cancelled_at: datetime | None
    cancellation_reason: str
    transferred_at: datetime | None
    transfer_tool_id: str

    def kinds(self) -> list[str]:
        """The links this version must have, in the order they happen."""
        kinds = [Kind.CREATED if self.version == 1 else Kind.CORRECTED]
        if self.cancelled_at is not None:
            kinds.append(Kind.CANCELLED)
        if self.transferred_at is not None:
            kinds.append(Kind.TRANSFERRED)
        return kinds

    @cached_property
    def body(self) -> str:
        """The payload's fields from "entry" to "consent_at" (the same in every link of this
        version), JSON without the braces: built once however many links a version has."""
        document = {
            "entry": f"SH-{self.chain_id:06d}",
            "version": self.version,
            "date": self.maintenance_date.isoformat(),
            "km": self.mileage_km,
            "positions": sorted(self.positions),
            "lines": canonical_lines(self.lines),
            "comment": sha256_text(self.comment),
            "org": self.organisation_id,
            "stored_at": timestamp(self.created_at),
            "consent_at": timestamp(self.consent_given_at),
        }
        return json.dumps(document, ensure_ascii=False, separators=(",", ":"))[1:-1]

    def happened_at(self, kind: str) -> datetime:
        if kind == Kind.CANCELLED and self.cancelled_at is not None:
            return self.cancelled_at
        if kind == Kind.TRANSFERRED and self.transferred_at is not None:
            return self.transferred_at
        return self.created_at


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def timestamp(moment: datetime) -> str:
    """ "YYYY-MM-DDTHH:MM:SS.ffffffZ" in UTC (isoformat is the fast way to write it)."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds")[:-6] + "Z"


_EXPONENTS = {2: Decimal("0.01"), 4: Decimal("0.0001")}


def _decimal(value: Decimal | None, places: int) -> str | None:
    if value is None:
        return None
    return format(Decimal(value).quantize(_EXPONENTS[places]), "f")


def canonical_lines(rows: Iterable[Sequence[Any]]) -> list[list[Any]]:
    """Order lines as the payload lists them (rows already in line order)."""
    return [
        [
            kind,
            number,
            description,
            _decimal(quantity, 2),
            unit,
            _decimal(price, 4),
            _decimal(gross, 2),
            reference,
        ]
        for kind, number, description, quantity, unit, price, gross, reference in rows
    ]


def payload(*, vin: str, sequence: int, kind: str, version: EntryVersion) -> str:
    """The canonical payload of a link (see the module docstring): one JSON object, built from
    its three parts so that the part common to a version's links is serialised once."""
    if kind == Kind.CORRECTED:
        replaces: int | str | None = version.version - 1
    elif kind == Kind.CANCELLED:
        replaces = sha256_text(version.cancellation_reason)
    elif kind == Kind.TRANSFERRED:
        replaces = version.transfer_tool_id
    else:
        replaces = None
    at = timestamp(version.happened_at(kind))
    tail = json.dumps(replaces, ensure_ascii=False)
    return (
        f'{payload_head(vin=vin, sequence=sequence, kind=kind)}{version.body},"at":"{at}",'
        f'"replaces":{tail}}}'
    )


def payload_head(*, vin: str, sequence: int, kind: str) -> str:
    """How every payload of this link starts (a cheap check that a link row and its payload
    agree on vehicle, position and kind without parsing the JSON)."""
    return f'{{"v":{FORMAT},"vin":"{vin}","seq":{sequence},"kind":"{kind}",'


def link_hash(previous_hash: str, payload_text: str) -> str:
    return hashlib.sha256(
        PREFIX + previous_hash.encode("ascii") + b"\n" + payload_text.encode("utf-8")
    ).hexdigest()
