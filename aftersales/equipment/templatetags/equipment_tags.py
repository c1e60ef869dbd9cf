from __future__ import annotations

from django import template

from aftersales.portal import languages

register = template.Library()


@register.filter
def localized(obj: object, name: str) -> str:
    """A tool's text in the active language (English when that language's is empty):
    `{{ tool|localized:"name" }}`."""
    return languages.localized(obj, name)
