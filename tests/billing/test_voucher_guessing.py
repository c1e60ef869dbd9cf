"""Guessing voucher codes stops after ten unknown codes, with the production set-up: the
database cache and real transactions (a refusal rolls back its transaction; the count of
failures must outlive it)."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse

from aftersales.accounts.models import User

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def database_cache(settings):  # type: ignore[no-untyped-def]
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "aftersales_cache",
        }
    }
    call_command("createcachetable")


def test_it_answers_429_to_the_eleventh_unknown_voucher_code(
    database_cache, client_for, owner: User
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(owner)
    url = reverse("billing:redeem_voucher")
    statuses = [client.post(url, {"code": f"GUESS-{n:04d}"}).status_code for n in range(11)]
    assert statuses == [400] * 10 + [429]
    page = client.post(url, {"code": "GUESS-9999"}).content.decode()
    assert "BIL-0011" in page
