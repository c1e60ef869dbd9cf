"""The operator's back office: releases, and the session totals per application and day."""

from __future__ import annotations

import pytest

from .conftest import start

pytestmark = pytest.mark.django_db


def test_it_shows_the_operator_the_totals_per_application_and_day(
    client_for, operator, owner, outsider, tickets
) -> None:  # type: ignore[no-untyped-def]
    start(owner)
    start(outsider)
    page = client_for(operator).get("/back-office/tools/toolsession/").content.decode()
    assert 'id="session-totals"' in page
    assert "<td>Diagnosis</td><td>2</td><td>2</td>" in page


def test_it_lists_the_releases_for_the_operator(client_for, operator, tools) -> None:  # type: ignore[no-untyped-def]
    page = client_for(operator).get("/back-office/tools/toolrelease/").content.decode()
    assert "4.41.10" in page and "3.73.2" in page
