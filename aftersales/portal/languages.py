"""The one rule for a text the operator keeps per language (a campaign's title, a part's
description, an application's guide, ...): a model has the English field `name` and one field
per other language of settings.LANGUAGES, `name_da` and `name_de`. The text shown is the one of
the language asked for (the active language when none is given), English when that one is empty.

Pages, PDFs, e-mails and the API all pick through `localized`; models expose it as
`text(field, language)` (`Localized`) or through their own names for it. A German field added
next to an existing Danish one has `default=""` and `db_default=""`, so that rows written with
COPY by imports and benches that name no German column get it empty.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import translation

# The languages that have a field of their own besides the English one: ("da", "de").
TEXT_LANGUAGES = tuple(code for code, _name in settings.LANGUAGES if code != "en")


def language_code(language: str | None = None) -> str:
    """ "da" for "da", "da-dk" or None while Danish is active; "en" for anything unknown."""
    code = (language or translation.get_language() or "en").split("-")[0].lower()
    return code if code in TEXT_LANGUAGES else "en"


def localized(obj: object, field: str, language: str | None = None) -> str:
    """`obj.<field>_<language>` when it is not empty, else `obj.<field>` (English)."""
    code = language_code(language)
    if code != "en":
        text = getattr(obj, f"{field}_{code}", "")
        if text:
            return str(text)
    return str(getattr(obj, field, "") or "")


class Localized:
    """`text("name", language)` on a model with per-language fields (see `localized`)."""

    def text(self, field: str, language: str | None = None) -> str:
        return localized(self, field, language)
