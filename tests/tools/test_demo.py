"""The demo: both tools with a release too old to start, past sessions of the demo workshop."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from aftersales.tools.models import ToolRelease, ToolSession
from aftersales.tools.selectors import minimum_version
from aftersales.tools.versions import version_key

pytestmark = pytest.mark.django_db(transaction=True)


def test_it_loads_releases_and_past_sessions_once(transactional_db) -> None:  # type: ignore[no-untyped-def]
    call_command("load_demo_data", stdout=io.StringIO())
    call_command("load_demo_data", stdout=io.StringIO())
    sessions = ToolSession.objects.filter(organisation__vat_number="DK13585628")
    assert sessions.count() == 6 and not sessions.filter(ended_at__isnull=True).exists()
    for release in ToolRelease.objects.select_related("tool"):
        if release.version in ("4.37.40", "3.71.0"):
            assert version_key(release.version) < version_key(minimum_version(release.tool))
