from django import template
from django.utils.safestring import mark_safe

from aftersales.servicehistory.annexes import EntryAnnex
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


@register.simple_tag(takes_context=True)
def entry_annexes(
    context: template.Context, annexes: dict[int, list[EntryAnnex]], entry_id: int
) -> str:
    """What other applications recorded at the entry's visit (annexes.py), rendered."""
    from django.template.loader import render_to_string

    request = context.get("request")
    parts = [
        render_to_string(annex.template, annex.context, request)
        for annex in annexes.get(entry_id, [])
    ]
    return mark_safe("".join(parts))  # noqa: S308 (rendered templates, escaped there)
