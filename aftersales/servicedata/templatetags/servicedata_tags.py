from __future__ import annotations

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from aftersales.servicedata.models import number_key

register = template.Library()


@register.filter
def localized(obj: object, name: str) -> str:
    """A text of a version, package or material in the active language (English when the Danish
    text is empty): `{{ version|localized:"description" }}`."""
    language = translation.get_language()
    if language == "da":
        danish = str(getattr(obj, f"{name}_da", "") or "")
        if danish:
            return danish
    return str(getattr(obj, name, ""))


@register.filter
def tool_url(number: str) -> str:
    """The page of a special tool in Workshop equipment (by its number without spaces), or ""
    when that application is not installed: `{{ number|tool_url }}`."""
    try:
        return reverse("equipment:tool", args=[number_key(number)])
    except NoReverseMatch:
        return ""
