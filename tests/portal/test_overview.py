from datetime import date

import pytest
from django.urls import reverse

from aftersales.accounts.models import Organisation, User
from aftersales.news.models import News

pytestmark = pytest.mark.django_db

URL = reverse("portal:overview")


def test_it_welcomes_the_user_with_the_status_box(client_for, owner: User, applications) -> None:
    page = client_for(owner).get(URL).content.decode()
    assert "Welcome, owner@example.com" in page
    assert "Status of the users and organisation data" in page
    assert "Your e-mail address is valid." in page
    assert "Your organisation data is valid." in page


def test_it_says_the_email_is_not_yet_confirmed(client_for, teammate: User) -> None:
    teammate.email_confirmed_at = None
    teammate.save()
    assert "has not been confirmed yet" in client_for(teammate).get(URL).content.decode()


def test_it_names_missing_organisation_data(client_for, owner: User) -> None:
    Organisation.objects.filter(pk=owner.organisation_id).update(phone="", brands=[])
    page = client_for(owner).get(URL).content.decode()
    assert "Your organisation data is incomplete. Missing: phone, brands serviced" in page


def test_it_shows_the_news_panel(client_for, owner: User) -> None:
    News.objects.create(
        title="Mandatory update", teaser="Please update.", published_on=date(2017, 8, 8)
    )
    page = client_for(owner).get(URL).content.decode()
    assert "08-Aug-2017" in page and "Mandatory update" in page
    assert "View more" in page and "Additional entries" in page


def test_it_hides_news_of_another_language(client_for, owner: User) -> None:
    News.objects.create(
        title="Kun på dansk", teaser="x", language="da", published_on=date(2020, 1, 1)
    )
    assert "Kun på dansk" not in client_for(owner).get(URL).content.decode()


def test_it_shows_the_menu(client_for, owner: User) -> None:
    page = client_for(owner).get(URL).content.decode()
    for item in [
        "Overview",
        "News",
        "My data",
        "My organisation",
        "My tickets",
        "My credit",
        "Logout",
    ]:
        assert item in page


def test_it_lists_the_applications_for_a_verified_organisation(
    client_for, owner: User, applications
) -> None:
    page = client_for(owner).get(URL).content.decode()
    assert "Electronic Parts Catalogue - passenger car" in page and "Service history" in page


def test_it_tells_a_pending_organisation_to_wait(client_for, owner: User, applications) -> None:
    Organisation.objects.filter(pk=owner.organisation_id).update(status="pending")
    page = client_for(owner).get(URL).content.decode()
    assert "this can take up to two working days" in page
    assert "Electronic Parts Catalogue - passenger car" not in page


def test_it_asks_anonymous_visitors_to_log_on(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_it_shows_the_outsider_only_their_own_organisation(
    client_for, owner: User, outsider: User, applications
) -> None:
    Organisation.objects.filter(pk=owner.organisation_id).update(status="pending", phone="")
    page = client_for(outsider).get(URL).content.decode()
    assert "Your organisation data is valid." in page and "Your organisation is activated." in page
    assert "Motorhjørnet" not in page
