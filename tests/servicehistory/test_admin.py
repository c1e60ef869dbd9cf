"""The back office: operators maintain labour operations; entries and the audit log are read-only."""

from __future__ import annotations

import pytest
from django.urls import reverse

from aftersales import clock
from aftersales.servicehistory.models import LabourOperation, ServiceEntry
from tests.servicehistory.factories import entry_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(owner, vehicle) -> ServiceEntry:  # type: ignore[no-untyped-def]
    return entry_create(
        actor=owner,
        vehicle=vehicle,
        mileage="130000",
        maintenance_date=clock.today().isoformat(),
        position_codes=["engine_oil"],
        comment="",
        consent=True,
        ip_address="192.0.2.1",
    )


def test_it_lists_the_labour_operations_and_their_positions(
    operator, client_for, catalogue
) -> None:
    client = client_for(operator)
    page = client.get(reverse("admin:servicehistory_labouroperation_changelist")).content.decode()
    assert "00 00 610" in page and "00 00 105" in page
    oil = LabourOperation.objects.get(number="00 00 610")
    change = client.get(reverse("admin:servicehistory_labouroperation_change", args=[oil.pk]))
    assert change.status_code == 200 and 'value="00 00 610"' in change.content.decode()


def test_it_shows_entries_read_only(operator, client_for, entry) -> None:
    client = client_for(operator)
    page = client.get(reverse("admin:servicehistory_serviceentry_change", args=[entry.pk]))
    assert page.status_code == 200 and "192.0.2.1" in page.content.decode()
    delete = client.post(
        reverse("admin:servicehistory_serviceentry_delete", args=[entry.pk]), {"post": "yes"}
    )
    assert delete.status_code == 403 and ServiceEntry.objects.filter(pk=entry.pk).exists()
    log = client.get(reverse("admin:servicehistory_auditlogentry_changelist"))
    assert log.status_code == 200 and entry.number in log.content.decode()


def test_it_keeps_workshops_out_of_the_back_office(owner, client_for, entry) -> None:
    response = client_for(owner).get(reverse("admin:servicehistory_serviceentry_changelist"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
