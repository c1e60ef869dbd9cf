"""The operator's back office: the last verification run with its breaks; publishing anchors."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse

from aftersales.trust.models import AnchorPublication
from aftersales.trust.services import anchor_record, verification_run

from .helpers import raw, store

pytestmark = pytest.mark.django_db


def test_it_lists_the_last_run_first_with_its_result(client_for, operator, owner, vehicle):
    entry = store(owner, vehicle)
    verification_run()
    raw("UPDATE servicehistory_serviceentry SET mileage_km = 5 WHERE id = %s", [entry.pk])
    broken = verification_run()
    html = client_for(operator).get(reverse("admin:trust_verificationrun_changelist")).content
    results = re.findall(r'<td class="field-result">([^<]*)</td>', html.decode())
    assert results == ["1 broken", "OK"]
    detail = client_for(operator).get(
        reverse("admin:trust_verificationrun_change", args=[broken.pk])
    )
    assert vehicle.vin in detail.content.decode()
    assert "the stored entry no longer says what was hashed" in detail.content.decode()


def test_it_publishes_an_anchor_from_the_list(client_for, operator, owner, vehicle):
    store(owner, vehicle)
    anchor = anchor_record(day=datetime.date(2026, 11, 20))
    response = client_for(operator).post(
        reverse("admin:trust_chainanchor_changelist"),
        {"action": "publish", "_selected_action": [anchor.pk]},
        follow=True,
    )
    assert "Anchor of 2026-11-20 published." in response.content.decode()
    assert AnchorPublication.objects.get().published_by == operator


def test_it_keeps_workshops_out_of_the_back_office(client_for, outsider):
    response = client_for(outsider).get(reverse("admin:trust_verificationrun_changelist"))
    assert response.status_code == 302 and "/login/" in response["Location"]
