from datetime import date, timedelta

import pytest
from django.urls import reverse

from aftersales import clock
from aftersales.accounts.models import User
from aftersales.news.models import News

pytestmark = pytest.mark.django_db


def test_it_lists_the_news_newest_first(client_for, owner: User) -> None:
    News.objects.create(title="Older", teaser="a", published_on=date(2016, 7, 18))
    News.objects.create(title="Newer", teaser="b", published_on=date(2017, 8, 8))
    page = client_for(owner).get(reverse("news:list")).content.decode()
    assert page.index("Newer") < page.index("Older")


def test_it_shows_a_news_entry(client_for, owner: User) -> None:
    entry = News.objects.create(title="Creditsystem", teaser="t", body="1 Credit : 1 €")
    page = client_for(owner).get(reverse("news:detail", args=[entry.pk])).content.decode()
    assert "1 Credit : 1 €" in page


def test_it_hides_news_published_in_the_future(client_for, owner: User) -> None:
    entry = News.objects.create(
        title="Soon", teaser="t", published_on=clock.today() + timedelta(days=3)
    )
    client = client_for(owner)
    assert client.get(reverse("news:detail", args=[entry.pk])).status_code == 404
    assert "Soon" not in client.get(reverse("news:list")).content.decode()


def test_it_shows_danish_news_to_danish_users_only(client_for, owner: User, teammate: User) -> None:
    News.objects.create(title="Kun dansk", teaser="t", language="da")
    teammate.language = "da"
    teammate.save()
    assert "Kun dansk" in client_for(teammate).get(reverse("news:list")).content.decode()
    assert "Kun dansk" not in client_for(owner).get(reverse("news:list")).content.decode()
