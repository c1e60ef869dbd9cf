"""Template filters of the parts catalogue: texts in the user's language, a row's validity."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import translation
from django.utils.translation import gettext as _

from aftersales.parts.models import PartUsage
from aftersales.parts.validity import OptionRuleError, parse_option_rule

register = template.Library()


@register.filter
def localized(obj: Any, field: str) -> str:
    """{{ part|localized:"description" }}: the page's language when there is a text in it."""
    return str(obj.text(field, translation.get_language()))


def _options_text(rule: str) -> list[str]:
    try:
        terms = parse_option_rule(rule)
    except OptionRuleError:
        return [rule]
    texts = []
    for term in terms:
        codes = _(" or ").join(term.any_of)
        texts.append(
            _("without %(codes)s") % {"codes": codes}
            if term.negated
            else _("with %(codes)s") % {"codes": codes}
        )
    return texts


@register.filter
def validity(usage: PartUsage) -> str:
    """“E91 · N54 · 09/2008–02/2010 · with S205A”: what limits the row (empty: every vehicle)."""
    texts = [value for value in (usage.series, usage.model_code, usage.engine) if value]
    start, end = usage.produced_from, usage.produced_until
    if start and end:
        texts.append(f"{start:%m/%Y}–{end:%m/%Y}")
    elif start:
        texts.append(_("from %(date)s") % {"date": f"{start:%m/%Y}"})
    elif end:
        texts.append(_("until %(date)s") % {"date": f"{end:%m/%Y}"})
    if usage.options:
        texts.extend(_options_text(usage.options))
    return " · ".join(texts)


@register.filter
def quantity_text(value: Any) -> str:
    """2.00 → "2", 1.50 → "1.5"."""
    try:
        return f"{value.normalize():f}"
    except AttributeError:
        return str(value)


@register.filter
def get_item(mapping: dict[str, Any], key: str) -> Any:
    return mapping.get(key, "")
