"""Ticket validity: hours, days, months and years (Regulation (EU) 2018/858, Annex X)."""

from __future__ import annotations

import calendar
from datetime import datetime, timedelta

from django.utils import timezone
from django.utils.translation import ngettext


def _add_months(moment: datetime, months: int) -> datetime:
    """Calendar months in local time; the 31st plus one month is the last day of the next."""
    local = timezone.localtime(moment)
    index = local.month - 1 + months
    year, month = local.year + index // 12, index % 12 + 1
    day = min(local.day, calendar.monthrange(year, month)[1])
    naive = local.replace(tzinfo=None).replace(year=year, month=month, day=day)
    return timezone.make_aware(naive, local.tzinfo)


def ticket_end(start: datetime, unit: str, count: int) -> datetime:
    """The end of a ticket: hours are exact, days/months/years follow the local calendar."""
    if unit == "hour":
        return start + timedelta(hours=count)
    if unit == "day":
        local = timezone.localtime(start)
        naive = local.replace(tzinfo=None) + timedelta(days=count)
        return timezone.make_aware(naive, local.tzinfo)
    if unit == "month":
        return _add_months(start, count)
    if unit == "year":
        return _add_months(start, 12 * count)
    raise ValueError(f"unknown validity unit {unit!r}")


def validity_label(unit: str, count: int) -> str:
    labels = {
        "hour": ngettext("%(n)d hour", "%(n)d hours", count),
        "day": ngettext("%(n)d day", "%(n)d days", count),
        "month": ngettext("%(n)d month", "%(n)d months", count),
        "year": ngettext("%(n)d year", "%(n)d years", count),
    }
    return labels[unit] % {"n": count}


def time_left_label(seconds: float) -> str:
    """'3 days 4 hours', '2 hours 5 minutes', '12 minutes': enough to plan the day."""
    minutes = max(0, int(seconds // 60))
    days, rest = divmod(minutes, 60 * 24)
    hours, mins = divmod(rest, 60)
    if days:
        return "%s %s" % (  # noqa: UP031
            ngettext("%(n)d day", "%(n)d days", days) % {"n": days},
            ngettext("%(n)d hour", "%(n)d hours", hours) % {"n": hours},
        )
    if hours:
        return "%s %s" % (  # noqa: UP031
            ngettext("%(n)d hour", "%(n)d hours", hours) % {"n": hours},
            ngettext("%(n)d minute", "%(n)d minutes", mins) % {"n": mins},
        )
    return ngettext("%(n)d minute", "%(n)d minutes", mins) % {"n": mins}
