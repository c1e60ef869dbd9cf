"""Reference data: the standard repair packages of the CBS positions and their mapping, which
the order base of a service entry needs (manage.py load_reference_data)."""

from __future__ import annotations

from .demo import load_operations


def load() -> str:
    return f"{load_operations()} standard repair packages and their mapping"
