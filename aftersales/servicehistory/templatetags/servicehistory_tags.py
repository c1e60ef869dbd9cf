from django import template

from aftersales.servicehistory.cbs import position_label
from aftersales.servicehistory.rules import km as format_km
from aftersales.vehicles.models import CbsPosition

register = template.Library()


@register.filter
def km(value: int | None) -> str:
    return "" if value is None else format_km(value)


@register.filter
def position_name(position: CbsPosition) -> str:
    return position_label(position)
