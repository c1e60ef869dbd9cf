"""Part numbers: stored without spaces, shown in the manufacturer's groups of digits.

BMW Group numbers have 11 digits, printed 2-2-1-3-3 ("11 42 7 953 129"); the first four digits
are the main group and subgroup. Numbers of other lengths (accessories, fluids with letters) are
kept as they come, upper-cased, and shown without grouping.
"""

from __future__ import annotations

import re

# Letters, digits, and the dashes/dots some suppliers use; at most 20 characters.
NUMBER_RE = re.compile(r"^[A-Z0-9][A-Z0-9.\-]{2,19}$")
GROUPS = (2, 2, 1, 3, 3)


def normalize(raw: str) -> str:
    """ "11 42 7 953 129", "11-42..." stay dashes; spaces and tabs go: "11427953129"."""
    return re.sub(r"\s+", "", raw or "").upper()


def is_valid(number: str) -> bool:
    return bool(NUMBER_RE.match(number))


def display(number: str) -> str:
    """The printed form: 11 digits in the groups 2-2-1-3-3, anything else unchanged."""
    if len(number) != sum(GROUPS) or not number.isdigit():
        return number
    parts, start = [], 0
    for size in GROUPS:
        parts.append(number[start : start + size])
        start += size
    return " ".join(parts)


def looks_like_number(query: str) -> bool:
    """A search text that is a part number (digits with spaces, at least 4 of them) rather than
    words: it is searched among the numbers, not the descriptions."""
    compact = normalize(query)
    return len(compact) >= 4 and sum(c.isdigit() for c in compact) >= len(compact) - 2
