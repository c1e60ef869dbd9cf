"""A catalogue entry in the language of the page."""

from __future__ import annotations

from django import template
from django.utils.translation import get_language

from aftersales.faultcodes.models import FaultCode

register = template.Library()


@register.filter
def fc_description(entry: FaultCode) -> str:
    return entry.localized_description(get_language())


@register.filter
def fc_causes(entry: FaultCode) -> list[str]:
    return entry.localized_causes(get_language())
