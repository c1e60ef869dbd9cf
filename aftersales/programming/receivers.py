"""Service history's signals: a new entry takes the programming results of its visit."""

from __future__ import annotations

from typing import Any

from aftersales.servicehistory.models import ServiceEntry

from .services import visit_results_link


def on_entry_stored(sender: Any, *, entry: ServiceEntry, **_: Any) -> None:
    visit_results_link(entry=entry)
