"""The workshop's screens: access, VIN entry, the vehicle's campaigns, detail, carry out, the
banner in Service history, and what another workshop (the outsider) sees."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from aftersales import clock
from aftersales.accounts.models import Organisation
from aftersales.campaigns.models import Campaign, CampaignCompletion
from aftersales.orders.drafts import SESSION_KEY
from tests.servicehistory.factories import WALKTHROUGH_VIN, entry_create

from .factories import make_campaign

pytestmark = pytest.mark.django_db


def url(name: str, **kwargs: object) -> str:
    return reverse(f"campaigns:{name}", kwargs=kwargs)


@pytest.fixture
def client(owner, client_for, applications, vehicle) -> Client:  # type: ignore[no-untyped-def]
    return client_for(owner)


def text(response) -> str:  # type: ignore[no-untyped-def]
    return response.content.decode()


# --- access ----------------------------------------------------------------------------------


def test_it_sends_anonymous_users_to_the_login(applications) -> None:
    response = Client().get(url("vin_entry"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_it_refuses_every_screen_to_an_unverified_organisation(
    owner, client_for, applications, vehicle
) -> None:
    make_campaign()
    Organisation.objects.filter(pk=owner.organisation_id).update(status="pending")
    client = client_for(owner)
    for address in [
        url("vin_entry"),
        url("vehicle", vin=WALKTHROUGH_VIN),
        url("vehicle_campaign", vin=WALKTHROUGH_VIN, number="0013250800"),
        url("detail", number="0013250800"),
    ]:
        response = client.get(address)
        assert response.status_code == 403, address
        assert "has not been activated yet" in text(response)
    response = client.post(url("carry_out", vin=WALKTHROUGH_VIN, number="0013250800"))
    assert response.status_code == 403
    assert SESSION_KEY not in client.session


def test_it_is_started_from_the_catalogue(client) -> None:
    response = client.post(reverse("catalogue:start", kwargs={"slug": "technical-campaigns"}))
    assert response.status_code == 302 and response["Location"] == url("vin_entry")


# --- VIN entry and the list ------------------------------------------------------------------------


def test_it_opens_the_vehicle_by_its_last_7_characters(client) -> None:
    response = client.get(url("vin_entry"), {"vin": "a193748"})
    assert response.status_code == 302 and response["Location"] == url(
        "vehicle", vin=WALKTHROUGH_VIN
    )


def test_it_keeps_a_malformed_vin_and_says_what_is_wrong(client) -> None:
    response = client.get(url("vin_entry"), {"vin": "WBA<b>1"})
    body = text(response)
    assert response.status_code == 200
    assert "VIN-0001" in body and 'value="WBA&lt;b&gt;1"' in body


def test_it_lists_the_vehicles_campaigns_with_their_states(client, outsider, vehicle) -> None:
    make_campaign("0013250800")
    make_campaign("0072010200", title="Airbag")
    make_campaign("0032770200", title="Coolant pump", state=Campaign.State.WITHDRAWN)
    entry_create(
        actor=outsider,
        vehicle=vehicle,
        mileage="130000",
        maintenance_date=clock.today().isoformat(),
        position_codes=[],
        items=[{"kind": "CAMP", "number": "0072010200"}],
    )
    body = text(client.get(url("vehicle", vin=WALKTHROUGH_VIN)))
    assert 'data-number="0013250800"' in body and 'data-state="open"' in body
    done = body[body.index('data-number="0072010200"') :]
    assert 'data-state="done"' in done[:2000]
    assert f"on {clock.today():%d-%m-%Y} by Andet Værksted ApS" in done[:2000]
    assert 'data-state="not_applicable"' in body and "The campaign was withdrawn." in body


def test_it_says_so_when_no_campaign_affects_the_vehicle(client) -> None:
    body = text(client.get(url("vehicle", vin=WALKTHROUGH_VIN)))
    assert "No technical campaign affects this vehicle." in body


def test_it_shows_the_banner_with_the_number_of_open_campaigns(client) -> None:
    make_campaign("C1")
    make_campaign("C2")
    body = text(client.get(url("vehicle", vin=WALKTHROUGH_VIN)))
    assert "2 open technical campaigns" in body and 'class="message warning"' in body


def test_it_shows_the_banner_in_service_history_red_for_do_not_drive(client) -> None:
    make_campaign("C1", do_not_drive=True)
    response = client.get(reverse("servicehistory:central_data", kwargs={"vin": WALKTHROUGH_VIN}))
    body = text(response)
    assert "1 open technical campaign · Do not drive: C1" in body
    assert 'class="message error" role="alert"' in body
    assert url("vehicle", vin=WALKTHROUGH_VIN) in body


def test_it_counts_no_information_campaign_in_the_banner(client) -> None:
    make_campaign("I1", kind=Campaign.Kind.INFORMATION, labour_allowance_fru=0)
    body = text(client.get(reverse("servicehistory:central_data", kwargs={"vin": WALKTHROUGH_VIN})))
    assert "open technical campaign" not in body


def test_it_shows_no_banner_to_a_workshop_without_access(client, applications) -> None:
    from aftersales.catalogue.models import Application

    make_campaign()
    Application.objects.filter(slug="technical-campaigns").update(requires_ticket=True)
    body = text(client.get(reverse("servicehistory:central_data", kwargs={"vin": WALKTHROUGH_VIN})))
    assert "open technical campaign" not in body


def test_it_escapes_html_in_campaign_texts(client) -> None:
    make_campaign(title="<script>alert(1)</script>", defect="<b>loose</b>")
    body = text(client.get(url("vehicle_campaign", vin=WALKTHROUGH_VIN, number="0013250800")))
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body and "&lt;b&gt;loose&lt;/b&gt;" in body


# --- detail ------------------------------------------------------------------------------------------


def test_it_shows_a_campaigns_texts_parts_and_state_for_the_vehicle(client) -> None:
    make_campaign(
        do_not_drive=True, parts=[("13 51 7 613 933", "High-pressure fuel pump", "1", "612.40")]
    )
    body = text(client.get(url("vehicle_campaign", vin=WALKTHROUGH_VIN, number="0013250800")))
    for expected in [
        "The pump may lose pressure.",
        "Limp-home mode.",
        "Replace the pump.",
        "14 FRU",
        "13 51 7 613 933",
        "1 pcs",
        "Do not drive",
        "Carry out",
    ]:
        assert expected in body, expected


def test_it_shows_the_detail_in_danish(client) -> None:
    make_campaign()
    client.post(reverse("accounts:switch_language"), {"language": "da", "next": "/"})
    body = text(client.get(url("detail", number="0013250800")))
    assert "Højtrykspumpe" in body


def test_it_shows_the_detail_in_german(client) -> None:
    make_campaign(title_de="Kraftstoff-Hochdruckpumpe", remedy_de="Pumpe ersetzen.")
    client.post(reverse("accounts:switch_language"), {"language": "de", "next": "/"})
    body = text(client.get(url("detail", number="0013250800")))
    assert "Kraftstoff-Hochdruckpumpe" in body and "Pumpe ersetzen." in body


def test_it_shows_english_where_the_german_text_is_empty(client) -> None:
    make_campaign(title_de="Kraftstoff-Hochdruckpumpe")
    client.post(reverse("accounts:switch_language"), {"language": "de", "next": "/"})
    body = text(client.get(url("detail", number="0013250800")))
    assert "Replace the pump." in body


def test_it_answers_404_for_a_draft_and_an_unknown_campaign(client) -> None:
    make_campaign(state=Campaign.State.DRAFT)
    assert client.get(url("detail", number="0013250800")).status_code == 404
    assert (
        client.get(url("vehicle_campaign", vin=WALKTHROUGH_VIN, number="0013250800")).status_code
        == 404
    )
    assert client.get(url("detail", number="NOPE")).status_code == 404
    response = client.post(url("carry_out", vin=WALKTHROUGH_VIN, number="0013250800"))
    assert response.status_code == 404


def test_it_answers_404_for_an_unknown_vehicle(client) -> None:
    assert client.get(url("vehicle", vin="WBA00000000000000")).status_code == 404


# --- carry out -------------------------------------------------------------------------------


def test_it_carries_out_a_campaign_onto_the_order_base(client) -> None:
    make_campaign(parts=[("13 51 7 613 933", "High-pressure fuel pump", "1", "612.40")])
    response = client.post(url("carry_out", vin=WALKTHROUGH_VIN, number="0013250800"))
    order_base = reverse("servicehistory:order_base", kwargs={"vin": WALKTHROUGH_VIN})
    assert response.status_code == 302 and response["Location"] == order_base
    body = text(client.get(order_base))
    assert 'data-kind="CAMP"' in body and "Campaign 0013250800: High-pressure fuel pump" in body
    assert "13 51 7 613 933" in body and "14 FRU" in body


def test_it_carries_out_only_by_post(client) -> None:
    make_campaign()
    response = client.get(url("carry_out", vin=WALKTHROUGH_VIN, number="0013250800"))
    assert response.status_code == 405


def test_it_refuses_to_carry_out_a_campaign_that_is_done(client, outsider, vehicle) -> None:
    make_campaign()
    entry_create(
        actor=outsider,
        vehicle=vehicle,
        mileage="130000",
        maintenance_date=clock.today().isoformat(),
        position_codes=[],
        items=[{"kind": "CAMP", "number": "0013250800"}],
    )
    response = client.post(url("carry_out", vin=WALKTHROUGH_VIN, number="0013250800"), follow=True)
    assert "cannot be carried out on this vehicle: Done" in text(response)
    assert SESSION_KEY not in client.session or not client.session[SESSION_KEY].get(
        WALKTHROUGH_VIN, {}
    ).get("items")


def test_it_stores_the_entry_and_marks_the_campaign_done_through_the_pages(client, owner) -> None:
    make_campaign()
    client.post(url("carry_out", vin=WALKTHROUGH_VIN, number="0013250800"))
    client.post(
        reverse("servicehistory:service_data", kwargs={"vin": WALKTHROUGH_VIN}),
        {"mileage": "130500", "maintenance_date": clock.today().isoformat()},
    )
    response = client.post(
        reverse("servicehistory:order_base", kwargs={"vin": WALKTHROUGH_VIN}),
        {"step": "store", "consent": "on", "comment": "Pump replaced."},
    )
    assert response.status_code == 302, text(response)
    completion = CampaignCompletion.objects.get()
    assert completion.organisation == owner.organisation
    body = text(client.get(url("vehicle", vin=WALKTHROUGH_VIN)))
    assert 'data-state="done"' in body and completion.entry.number in body


# --- the outsider ----------------------------------------------------------------------------


def test_it_shows_another_workshop_the_completion_without_the_entry(
    client_for, owner, outsider, applications, vehicle
) -> None:
    make_campaign()
    entry = entry_create(
        actor=owner,
        vehicle=vehicle,
        mileage="130000",
        maintenance_date=clock.today().isoformat(),
        position_codes=[],
        items=[{"kind": "CAMP", "number": "0013250800"}],
    )
    body = text(client_for(outsider).get(url("vehicle", vin=WALKTHROUGH_VIN)))
    assert "by Motorhjørnet ApS" in body
    assert entry.number not in body
    assert "Carry out" not in body


def test_it_keeps_one_workshops_order_draft_from_another(
    client_for, owner, outsider, applications, vehicle
) -> None:
    make_campaign()
    client_for(owner).post(url("carry_out", vin=WALKTHROUGH_VIN, number="0013250800"))
    body = text(
        client_for(outsider).get(
            reverse("servicehistory:order_base", kwargs={"vin": WALKTHROUGH_VIN}), follow=True
        )
    )
    assert "Campaign 0013250800" not in body


def test_it_shows_a_campaign_only_entry_with_its_work_in_the_service_history(
    client, owner, vehicle
) -> None:
    make_campaign()
    entry_create(
        actor=owner,
        vehicle=vehicle,
        mileage="130000",
        maintenance_date=clock.today().isoformat(),
        position_codes=[],
        items=[{"kind": "CAMP", "number": "0013250800"}],
    )
    page = text(client.get(reverse("servicehistory:history", kwargs={"vin": WALKTHROUGH_VIN})))
    assert "Campaign 0013250800:" in page
