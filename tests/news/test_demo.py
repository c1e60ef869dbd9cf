"""The demo's news: the walkthrough's entries for everyone, German ones for German readers."""

import pytest
from django.urls import reverse

from aftersales.accounts.models import User
from aftersales.news import demo

pytestmark = pytest.mark.django_db


def test_it_shows_the_german_demo_news_to_german_users(client_for, owner: User) -> None:
    demo.load()
    owner.language = "de"
    owner.save()
    page = client_for(owner).get(reverse("news:list")).content.decode()
    assert "Aftersales jetzt auf Deutsch" in page and "Mandatory ISTA (Diagnosis) update" in page


def test_it_hides_the_german_demo_news_from_english_users(client_for, owner: User) -> None:
    demo.load()
    page = client_for(owner).get(reverse("news:list")).content.decode()
    assert "Aftersales jetzt auf Deutsch" not in page
