"""State of charge pages: the vehicle's battery (latest values, charts, warning), a typed
reading, the certificate issued, printed, verified by anyone, then revoked."""

from __future__ import annotations

import io
import re

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from aftersales.certificates.models import Certificate
from aftersales.stateofcharge.models import BatteryReading
from aftersales.stateofcharge.services import battery_reading_record

from .conftest import EV_VIN, body, reading

pytestmark = pytest.mark.django_db

PAGE = reverse("stateofcharge:vehicle", args=[EV_VIN])


@pytest.fixture
def history(owner, ev):  # type: ignore[no-untyped-def]
    for n, soh in enumerate(["93.0", "90.0", "87.0", "84.5"]):
        battery_reading_record(
            actor=owner,
            vehicle=ev,
            reading=reading(
                days_ago=360 - 120 * n, soh_percent=soh, mileage=str(50_000 + n * 4_000)
            ),
        )


def test_it_finds_the_vehicle_by_its_last_seven_characters(client_for, owner, tickets, ev) -> None:  # type: ignore[no-untyped-def]
    response = client_for(owner).get(reverse("stateofcharge:vin_entry"), {"vin": EV_VIN[-7:]})
    assert response["Location"] == PAGE


def test_it_shows_the_latest_values_charts_and_warning(client_for, owner, tickets, history) -> None:  # type: ignore[no-untyped-def]
    page = client_for(owner).get(PAGE).content.decode()
    assert "84.5 %" in page and page.count('data-testid="soh-chart"') == 2
    assert 'data-testid="health-warning"' in page and "<script" not in page.split("<main")[-1]


def test_it_draws_danish_charts_with_decimal_points(client_for, owner, tickets, history) -> None:  # type: ignore[no-untyped-def]
    owner.language = "da"
    owner.save(update_fields=["language"])
    page = client_for(owner).get(PAGE).content.decode()
    svg = page[page.index("<svg") : page.rindex("</svg>")]
    # SVG coordinates are numbers, never localised: "188,0" would draw nothing.
    assert not re.search(r'(?:x|y|cx|cy|x1|x2|y1|y2)="\d+,\d', svg)
    assert re.search(r'cy="\d+\.\d"', svg)


def test_it_stores_a_typed_reading(client_for, owner, tickets, ev) -> None:  # type: ignore[no-untyped-def]
    data = {**body(read_at="2026-01-10 09:30"), "tool": ""}
    response = client_for(owner).post(PAGE, data)
    assert response.status_code == 302, response.content.decode()[-2000:]
    assert BatteryReading.objects.get().source == "form"


def test_it_shows_the_rule_next_to_the_field(client_for, owner, tickets, ev) -> None:  # type: ignore[no-untyped-def]
    response = client_for(owner).post(PAGE, body(read_at="2026-01-10 09:30", soh_percent="101"))
    assert response.status_code == 422
    assert "SOC-0001 The state of health must be between 0 and 100 %." in response.content.decode()


def test_it_refuses_the_page_without_a_ticket(client_for, owner, ev, applications) -> None:  # type: ignore[no-untyped-def]
    assert client_for(owner).get(PAGE).status_code == 403


def test_it_issues_prints_verifies_and_revokes_a_certificate(
    client_for, owner, tickets, history
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(owner)
    response = client.post(reverse("stateofcharge:certificate_issue", args=[EV_VIN]))
    certificate = Certificate.objects.get()
    assert response["Location"] == reverse("certificates:detail", args=[certificate.pk])
    detail = client.get(response["Location"]).content.decode()
    assert "Battery health certificate" in detail and certificate.display_code in detail
    pdf = client.get(reverse("certificates:pdf", args=[certificate.pk]))
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Battery health certificate" in text and "84.5 %" in text and EV_VIN in text
    public = Client().get(reverse("certificates:verify", args=[certificate.display_code]))
    page = public.content.decode()
    assert "Valid. Issued by Motorhjørnet ApS" in page and "Olga" not in page
    client.post(reverse("certificates:revoke", args=[certificate.pk]), {"reason": "Wrong car"})
    revoked = Client().get(reverse("certificates:verify", args=[certificate.display_code]))
    assert "This certificate was revoked by Motorhjørnet ApS" in revoked.content.decode()


def test_it_shows_a_superseded_certificate_as_no_longer_valid(
    client_for, owner, tickets, history
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(owner)
    client.post(reverse("stateofcharge:certificate_issue", args=[EV_VIN]))
    first = Certificate.objects.get()
    client.post(reverse("stateofcharge:certificate_issue", args=[EV_VIN]))
    newer = Certificate.objects.exclude(pk=first.pk).get()
    page = Client().get(reverse("certificates:verify", args=[first.display_code])).content.decode()
    assert (
        f"superseded by a newer battery health certificate of this vehicle ({newer.display_code})"
        in page
    )


def test_it_shows_another_workshop_no_certificate_of_ours(
    client_for, owner, outsider, tickets, history
) -> None:  # type: ignore[no-untyped-def]
    client_for(owner).post(reverse("stateofcharge:certificate_issue", args=[EV_VIN]))
    certificate = Certificate.objects.get()
    outsider_client = client_for(outsider)
    assert (
        outsider_client.get(reverse("certificates:detail", args=[certificate.pk])).status_code
        == 404
    )
    revoke = outsider_client.post(
        reverse("certificates:revoke", args=[certificate.pk]), {"reason": "x"}
    )
    assert revoke.status_code == 404
