"""A database restored without MEDIA_ROOT: the back office says the file is missing, no 500."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from aftersales.accounts.models import Organisation, User
from tests.conftest import make_organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def restored_without_media() -> Organisation:
    organisation = make_organisation(
        "Neu GmbH", "DE136695976", country="DE", status=Organisation.Status.PENDING
    )
    organisation.trade_licence.save("licence.pdf", ContentFile(b"%PDF-1.4 licence"))
    organisation.trade_licence.storage.delete(organisation.trade_licence.name)
    return organisation


def test_it_says_the_file_is_missing_instead_of_a_500(
    client_for, operator: User, restored_without_media: Organisation
) -> None:
    url = reverse("admin:accounts_organisation_trade_licence", args=[restored_without_media.pk])
    response = client_for(operator).get(url, follow=True)
    assert response.status_code == 200
    assert "The file of this trade licence is missing" in response.content.decode()


def test_it_marks_the_missing_file_on_the_organisation(
    client_for, operator: User, restored_without_media: Organisation
) -> None:
    url = reverse("admin:accounts_organisation_change", args=[restored_without_media.pk])
    assert "file missing" in client_for(operator).get(url).content.decode()


def test_it_keeps_the_missing_file_notice_from_an_outsider(
    client_for, outsider: User, restored_without_media: Organisation
) -> None:
    url = reverse("admin:accounts_organisation_trade_licence", args=[restored_without_media.pk])
    assert client_for(outsider).get(url).status_code == 302  # to the back office's log-in
