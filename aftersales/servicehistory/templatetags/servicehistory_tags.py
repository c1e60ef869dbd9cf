from django import template

from aftersales.servicehistory.rules import km as format_km

register = template.Library()


@register.filter
def km(value: int | None) -> str:
    return "" if value is None else format_km(value)
