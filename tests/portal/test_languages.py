"""The one rule for texts the operator keeps per language (aftersales/portal/languages.py)."""

from __future__ import annotations

from types import SimpleNamespace

from django.utils import translation

from aftersales.portal.languages import TEXT_LANGUAGES, localized

TEXT = SimpleNamespace(name="Oil filter", name_da="Oliefilter", name_de="Ölfilter")


def test_it_knows_danish_and_german() -> None:
    assert TEXT_LANGUAGES == ("da", "de")


def test_it_picks_the_german_text_when_asked() -> None:
    assert localized(TEXT, "name", "de") == "Ölfilter"


def test_it_picks_the_danish_text_when_asked() -> None:
    assert localized(TEXT, "name", "da") == "Oliefilter"


def test_it_falls_back_to_english_when_that_languages_text_is_empty() -> None:
    text = SimpleNamespace(name="Oil filter", name_da="Oliefilter", name_de="")
    assert localized(text, "name", "de") == "Oil filter"


def test_it_uses_the_active_language_when_none_is_given() -> None:
    with translation.override("de"):
        assert localized(TEXT, "name") == "Ölfilter"


def test_it_reads_a_regional_language_code() -> None:
    assert localized(TEXT, "name", "de-DE") == "Ölfilter"


def test_it_answers_english_for_a_language_without_fields() -> None:
    assert localized(TEXT, "name", "fr") == "Oil filter"
