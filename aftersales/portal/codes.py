"""The problem codes of the portal itself: text inputs (aftersales/portal/text.py)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from .problems import register

CONTROL_CHARACTER = register(
    "TEXT-0001",
    status=422,
    title="Control character in a text",
    meaning=_(
        "A text contains a control character (for example NUL, U+0000), which no field "
        "accepts; tabs and line breaks are allowed where a field takes several lines."
    ),
)
LINE_BREAK = register(
    "TEXT-0002",
    status=422,
    title="Line break in a one-line field",
    meaning=_(
        "A field that takes one line (a name, a number, an address line) contains a line break."
    ),
)
