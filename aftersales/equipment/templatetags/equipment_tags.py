from __future__ import annotations

from django import template
from django.utils import translation

register = template.Library()


@register.filter
def localized(obj: object, name: str) -> str:
    """A tool's text in the active language (English when the Danish one is empty):
    `{{ tool|localized:"name" }}`."""
    if translation.get_language() == "da":
        danish = str(getattr(obj, f"{name}_da", "") or "")
        if danish:
            return danish
    return str(getattr(obj, name, "") or "")
