"""What Technical campaigns does when Service history stores or cancels an entry (connected in
apps.py; both run inside the storing transaction, so a refusal stores nothing)."""

from __future__ import annotations

from typing import Any

from aftersales.orders.lines import OrderLine
from aftersales.servicehistory.models import ServiceEntry

from . import services


def on_entry_stored(sender: Any, *, entry: ServiceEntry, lines: list[OrderLine], **_: Any) -> None:
    services.completion_record(entry=entry, lines=lines, now=entry.created_at)


def on_entry_cancelled(sender: Any, *, entry: ServiceEntry, **_: Any) -> None:
    services.completion_reopen(entry=entry, now=entry.cancelled_at)
