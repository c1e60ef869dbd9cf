import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from aftersales.accounts.models import User

pytestmark = pytest.mark.django_db


def test_it_sends_a_reset_link_and_sets_a_new_password(client: Client, owner: User) -> None:
    response = client.post(reverse("accounts:password_reset"), {"email": owner.email})
    assert response["Location"] == reverse("accounts:password_reset_done")
    link = re.search(r"https?://[^/]+(/accounts/password-reset/\S+)", mail.outbox[0].body)
    assert link is not None
    response = client.get(link.group(1), follow=True)
    form_url = response.redirect_chain[-1][0]
    response = client.post(
        form_url, {"new_password1": "Neue-Bremse-2026", "new_password2": "Neue-Bremse-2026"}
    )
    assert response["Location"] == reverse("accounts:password_reset_complete")
    owner.refresh_from_db()
    assert owner.check_password("Neue-Bremse-2026")


def test_it_does_not_reveal_unknown_addresses(client: Client, db) -> None:  # type: ignore[no-untyped-def]
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.com"})
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert mail.outbox == []
