from __future__ import annotations

from django import template
from django.urls import NoReverseMatch, reverse

from aftersales.portal import languages
from aftersales.servicedata.models import number_key

register = template.Library()


@register.filter
def localized(obj: object, name: str) -> str:
    """A text of a version, package or material in the active language (English when that
    language's text is empty): `{{ version|localized:"description" }}`."""
    return languages.localized(obj, name)


@register.filter
def tool_url(number: str) -> str:
    """The page of a special tool in Workshop equipment (by its number without spaces), or ""
    when that application is not installed: `{{ number|tool_url }}`."""
    try:
        return reverse("equipment:tool", args=[number_key(number)])
    except NoReverseMatch:
        return ""
