"""Diagnosis's pages on the tools gateway: the launch page (latest release, Start issues a
licence, a too-old version refused), the session log, the download, the catalogue's start page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from aftersales.tools.models import Licence

from .conftest import CURRENT, LATEST, TOO_OLD, start

pytestmark = pytest.mark.django_db

LAUNCH = "/diagnosis/"
SESSIONS = "/diagnosis/sessions/"


def test_it_shows_the_latest_release_and_the_minimum_version(client_for, owner, tickets) -> None:  # type: ignore[no-untyped-def]
    page = client_for(owner).get(LAUNCH).content.decode()
    assert f"ISTA {LATEST}" in page
    assert f"Older versions of ISTA than {CURRENT} can no longer be started." in page


def test_it_issues_a_licence_on_start(client_for, owner, tickets) -> None:  # type: ignore[no-untyped-def]
    response = client_for(owner).post(LAUNCH, {"version": LATEST})
    assert response.status_code == 200
    licence = Licence.objects.get()
    assert licence.user == owner and licence.tool_version == LATEST
    assert 'data-testid="licence"' in response.content.decode()


def test_it_refuses_a_too_old_version_with_the_version_to_install(
    client_for, owner, tickets
) -> None:  # type: ignore[no-untyped-def]
    response = client_for(owner).post(LAUNCH, {"version": TOO_OLD})
    assert response.status_code == 422
    assert (
        "TOOL-0004 Older versions of ISTA can no longer be started. Please install version "
        "4.41.10." in response.content.decode()
    )
    assert not Licence.objects.exists()


def test_it_refuses_the_page_without_a_ticket(client_for, owner, diagnosis) -> None:  # type: ignore[no-untyped-def]
    assert client_for(owner).get(LAUNCH).status_code == 403


def test_it_shows_the_administrator_every_session_of_the_organisation(
    client_for, owner, teammate, tickets
) -> None:  # type: ignore[no-untyped-def]
    start(owner)
    start(teammate)
    page = client_for(owner).get(SESSIONS).content.decode()
    assert "Olga Owner" in page and "Tom Teammate" in page


def test_it_shows_a_user_only_their_own_sessions(client_for, owner, teammate, tickets) -> None:  # type: ignore[no-untyped-def]
    start(owner)
    page = client_for(teammate).get(SESSIONS).content.decode()
    assert "Olga Owner" not in page and "No sessions yet." in page


def test_it_hides_another_organisations_sessions(client_for, owner, outsider, tickets) -> None:  # type: ignore[no-untyped-def]
    start(owner)
    page = client_for(outsider).get(SESSIONS).content.decode()
    assert "Olga Owner" not in page


def test_it_downloads_the_latest_releases_file(client_for, owner, tickets, tools) -> None:  # type: ignore[no-untyped-def]
    release = tools["ista"].releases.get(version=LATEST)
    response = client_for(owner).get(reverse("diagnosis:download", args=[release.pk]))
    assert response.status_code == 200
    assert b"aftersales-tool" in b"".join(response.streaming_content)


def test_it_offers_no_download_of_another_applications_tool(
    client_for, owner, tickets, tools
) -> None:  # type: ignore[no-untyped-def]
    release = tools["ista-p"].releases.first()
    assert (
        client_for(owner).get(reverse("diagnosis:download", args=[release.pk])).status_code == 404
    )


def test_it_names_the_latest_version_on_the_catalogue_start_page(
    client_for, owner, tickets
) -> None:  # type: ignore[no-untyped-def]
    page = (
        client_for(owner).get(reverse("catalogue:start_page", args=["diagnosis"])).content.decode()
    )
    assert f"ISTA {LATEST} (latest version" in page
