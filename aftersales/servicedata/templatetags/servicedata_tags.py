from __future__ import annotations

from django import template
from django.utils import translation

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
