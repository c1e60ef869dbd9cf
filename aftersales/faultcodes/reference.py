"""Reference data: the portal's generic pack of OBD fault codes (manage.py
load_reference_data); manufacturer packs are imported with load_fault_codes."""

from __future__ import annotations

from .pack_import import generic_pack_load


def load() -> str:
    result = generic_pack_load()
    return f"{result.created} fault codes created, {result.updated} updated"
