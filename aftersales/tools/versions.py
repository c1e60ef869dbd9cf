"""Tool versions ("4.39.20"): numbers separated by dots, compared number by number."""

from __future__ import annotations

import re

VERSION_RE = re.compile(r"^\d{1,5}(\.\d{1,5}){0,3}$")


def is_version(text: str) -> bool:
    return bool(VERSION_RE.match(text or ""))


def version_key(text: str) -> tuple[int, ...]:
    """ "4.39.20" → (4, 39, 20, 0): "4.39" and "4.39.0" compare equal."""
    numbers = [int(part) for part in text.split(".")]
    return tuple(numbers + [0] * (4 - len(numbers)))
