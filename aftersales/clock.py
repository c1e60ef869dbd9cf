"""The one place that reads the wall clock, so that tests can move time (see tests/conftest.py)."""

from datetime import date, datetime

from django.utils import timezone


def now() -> datetime:
    return timezone.now()


def today() -> date:
    return timezone.localdate(now())
