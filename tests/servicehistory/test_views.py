"""The screens, through the views: access, VIN entry, tabs, the order flow, history, corrections."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from aftersales import clock
from aftersales.accounts.models import Organisation
from aftersales.servicehistory.models import ServiceEntry
from aftersales.vehicles.models import Vehicle
from tests.servicehistory.factories import entry_create

from .factories import WALKTHROUGH_VIN, ServiceEntryFactory, VehicleFactory

pytestmark = pytest.mark.django_db

IPL_0051 = (
    "IPL-0051 The kilometre entered is invalid. "
    "Please use exclusively the numbers 0 - 9 for your input."
)


def url(name: str, **kwargs: object) -> str:
    return reverse(f"servicehistory:{name}", kwargs=kwargs)


@pytest.fixture
def client(owner, client_for, applications, vehicle):  # type: ignore[no-untyped-def]
    return client_for(owner)


def fill_service_data(client, **overrides):  # type: ignore[no-untyped-def]
    data = {
        "positions": ["engine_oil"],
        "mileage": "130000",
        "maintenance_date": clock.today().isoformat(),
    }
    data.update(overrides)
    return client.post(url("service_data", vin=WALKTHROUGH_VIN), data)


# --- access --------------------------------------------------------------------------------


def test_it_sends_anonymous_users_to_the_login(client_for, applications) -> None:
    from django.test import Client

    response = Client().get(url("vin_entry"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_it_refuses_every_screen_to_an_unverified_organisation(
    owner, client_for, applications, vehicle
) -> None:
    Organisation.objects.filter(pk=owner.organisation_id).update(status="pending")
    client = client_for(owner)
    for address in [
        url("vin_entry"),
        url("central_data", vin=WALKTHROUGH_VIN),
        url("history", vin=WALKTHROUGH_VIN),
        url("service_data", vin=WALKTHROUGH_VIN),
        url("vehicle_pdf", vin=WALKTHROUGH_VIN),
    ]:
        response = client.get(address)
        assert response.status_code == 403, address
        assert "has not been activated yet" in response.content.decode()


def test_it_refuses_the_operator_without_a_workshop(operator, client_for, applications) -> None:
    response = client_for(operator).get(url("vin_entry"))
    assert response.status_code == 403


def test_it_is_started_from_the_catalogue(client) -> None:
    response = client.post(reverse("catalogue:start", kwargs={"slug": "service-history"}))
    assert response.status_code == 302 and response["Location"] == url("vin_entry")


# --- VIN entry ----------------------------------------------------------------------------


def test_it_shows_the_vin_entry_text_of_the_walkthrough(client) -> None:
    page = client.get(url("vin_entry")).content.decode()
    assert (
        "Enter the vehicle identification number (17 characters or the last 7 characters). "
        'Then click the "Search VIN" button.'
    ) in page
    assert "Search VIN" in page


def test_it_finds_the_vehicle_by_its_vin(client) -> None:
    response = client.get(url("vin_entry"), {"vin": " wbauv71070a193748 "})
    assert response["Location"] == url("central_data", vin=WALKTHROUGH_VIN)


def test_it_lists_the_candidates_of_seven_shared_characters(client) -> None:
    VehicleFactory(vin="WBAPH71070A193748", model_designation="325i")
    page = client.get(url("vin_entry"), {"vin": "0A193748"[-7:]}).content.decode()
    assert "WBAPH71070A193748" in page and WALKTHROUGH_VIN in page and "Choose" in page


def test_it_says_when_the_vehicle_is_not_found(client) -> None:
    page = client.get(url("vin_entry"), {"vin": "WBAUV71070A999999"}).content.decode()
    assert "The vehicle was not found." in page


def test_it_explains_a_malformed_vin_next_to_the_field(client) -> None:
    page = client.get(url("vin_entry"), {"vin": "WBAUV710"}).content.decode()
    assert "VIN-0001" in page and 'value="WBAUV710"' in page


# --- vehicle screens -----------------------------------------------------------------------


def test_it_shows_the_vehicle_header_on_every_screen(client) -> None:
    for name in ["central_data", "history", "vehicle_data", "options", "service_data"]:
        page = client.get(url(name, vin=WALKTHROUGH_VIN)).content.decode()
        for text in [
            "Vehicle identification number",
            WALKTHROUGH_VIN,
            "Mileage (central data)",
            "129,226 km",
            "335i UV81",
            "E91 / N54",
            "475 black-sapphire metallic",
            "22-09-2008",
            "Date of first registration",
            "Order base / inspection",
            "Central vehicle data",
        ]:
            assert text in page, (name, text)


def test_it_shows_every_field_of_the_vehicle_data(client) -> None:
    page = client.get(url("vehicle_data", vin=WALKTHROUGH_VIN)).content.decode()
    for text in [
        "Lead model",
        "UV81",
        "Upholstery",
        "EBAT Cloth &quot;Vertex/anthrazit&quot;",
        "Gearbox no.",
        "0406545",
        "Engine no.",
        "05896959",
        "Plant integration level",
        "E89X-08-09-520",
        "Number of keys",
        "Key system",
        "CAS",
        "Print vehicle",
    ]:
        assert text in page, text


def test_it_lists_the_cbs_positions_on_service_data(client) -> None:
    page = client.get(url("service_data", vin=WALKTHROUGH_VIN)).content.decode()
    for text in [
        "Engine oil",
        "Front Brake",
        "Microfilter (consider further additional job(s) if appropriate)",
        "Mileage (in kilometers)",
        "(only numbers e.g.: 10000)",
        "Maintenance date",
        "(ISO date format: YYYY-MM-DD)",
        ">Order base</button>",
    ]:
        assert text in page, text


def test_it_shows_ipl_0051_and_keeps_what_was_typed(client) -> None:
    response = fill_service_data(client, mileage="129a", positions=["engine_oil", "microfilter"])
    page = response.content.decode()
    assert response.status_code == 200
    assert IPL_0051 in page
    assert 'value="129a"' in page
    assert 'value="microfilter" id="position-microfilter" checked' in page


def test_it_asks_to_confirm_an_implausible_jump(client) -> None:
    page = fill_service_data(client, mileage="1900000").content.decode()
    assert "SH-0004" in page and "confirm_mileage_jump" in page
    response = fill_service_data(client, mileage="1900000", confirm_mileage_jump="on")
    assert response["Location"] == url("order_base", vin=WALKTHROUGH_VIN)


def test_it_shows_the_order_base_lines_with_prices(client) -> None:
    fill_service_data(client)
    page = client.get(url("order_base", vin=WALKTHROUGH_VIN)).content.decode()
    for text in [
        "± / -",
        "Type",
        "Description",
        "Service status",
        "Remaining",
        "Number",
        "Quantity",
        "Package price (gross)",
        "00 00 610",
        "3 FRU",
        "00 00 105",
        "Standard scope",
        "2 FRU",
        "243.75",
        "162.50",
        "406.25",
        "You can now print out the order base.",
        "Create service history entry",
        "Print service sheet",
        "Print order base",
        "Comment",
    ]:
        assert text in page, text


def test_it_shows_an_empty_price_without_a_labour_rate(client, owner) -> None:
    Organisation.objects.filter(pk=owner.organisation_id).update(labour_rate_per_hour=None)
    fill_service_data(client)
    page = client.get(url("order_base", vin=WALKTHROUGH_VIN)).content.decode()
    assert "243.75" not in page and "0.00" not in page
    assert "Set your labour rate in My organisation" in page


def test_it_removes_and_adds_a_line_again_keeping_the_comment(client) -> None:
    fill_service_data(client)
    address = url("order_base", vin=WALKTHROUGH_VIN)
    page = client.post(
        address, {"toggle": "SRP:00 00 105", "comment": "Half typed"}
    ).content.decode()
    assert 'class="sh-removed" data-number="00 00 105"' in page and "Half typed" in page
    assert "243.75" in page and "406.25" not in page
    page = client.post(
        address, {"toggle": "SRP:00 00 105", "comment": "Half typed"}
    ).content.decode()
    assert "sh-removed" not in page and "406.25" in page


def test_it_keeps_the_comment_across_the_steps(client) -> None:
    fill_service_data(client)
    client.post(url("order_base_comment", vin=WALKTHROUGH_VIN), {"comment": "Oil 5W-30"})
    fill_service_data(client, mileage="129a")
    fill_service_data(client)
    assert "Oil 5W-30" in client.get(url("order_base", vin=WALKTHROUGH_VIN)).content.decode()


def test_it_shows_the_declaration_of_consent(client) -> None:
    fill_service_data(client)
    page = client.post(
        url("order_base", vin=WALKTHROUGH_VIN), {"step": "consent", "comment": "x"}
    ).content.decode()
    assert "Declaration of consent" in page and "Consent to data storage" in page
    assert "This confirms that the vehicle owner or driver of the specified vehicle" in page
    assert "expressly confirms it has received the declaration of consent" in page
    assert ">OK</button>" in page


def test_it_sends_the_declaration_of_consent_with_the_order_base_hidden(client) -> None:
    """The consent step needs no round trip: the script shows the section already on the page."""
    fill_service_data(client)
    page = client.get(url("order_base", vin=WALKTHROUGH_VIN)).content.decode()
    assert 'id="consent" aria-labelledby="consent-title" hidden' in page
    assert 'data-reveal="consent"' in page and "Consent to data storage" in page


def test_it_stores_nothing_without_consent_and_says_why(client) -> None:
    fill_service_data(client)
    page = client.post(
        url("order_base", vin=WALKTHROUGH_VIN), {"step": "store", "comment": "Kept"}
    ).content.decode()
    assert "SH-0030" in page and "Nothing has been stored" in page and "Kept" in page
    assert not ServiceEntry.objects.exists()


def test_it_stores_the_entry_with_consent_and_shows_it_in_the_history(client, owner) -> None:
    fill_service_data(client, positions=["engine_oil"])
    response = client.post(
        url("order_base", vin=WALKTHROUGH_VIN),
        {"step": "store", "consent": "on", "comment": "Oil 5W-30 filled."},
        REMOTE_ADDR="192.0.2.44",
    )
    entry = ServiceEntry.objects.get()
    assert response.status_code == 302 and f"stored={entry.pk}" in response["Location"]
    assert entry.comment == "Oil 5W-30 filled." and entry.created_by == owner
    assert entry.audit_log.get().ip_address == "192.0.2.44"
    page = client.get(response["Location"]).content.decode()
    assert "Oil 5W-30 filled." in page and "Motorhjørnet ApS" in page and "Vejle" in page
    assert "Not yet transferred to vehicle" in page and "130,000 km" in page
    assert "has been stored" in page
    page = client.get(url("order_base", vin=WALKTHROUGH_VIN))
    assert page.status_code == 302  # a fresh order starts with Service data


def test_it_shows_cancelled_entries_struck_through_with_reason(client, owner, catalogue) -> None:
    ServiceEntryFactory(
        vehicle=Vehicle.objects.get(),
        organisation=owner.organisation,
        created_by=owner,
        positions=[catalogue["engine_oil"]],
        cancelled_at=clock.now(),
        cancelled_by=owner,
        cancellation_reason="Wrong vehicle",
    )
    page = client.get(url("history", vin=WALKTHROUGH_VIN)).content.decode()
    assert "sh-cancelled" in page and "Wrong vehicle" in page and 'class="struck"' in page
    assert "reach the vehicle only after" in page and "diagnosis tool" in page


def test_it_reads_the_history_page_in_constant_queries(client, owner, catalogue) -> None:
    vehicle = Vehicle.objects.get()

    def add(n: int) -> None:
        for i in range(n):
            ServiceEntryFactory(
                vehicle=vehicle,
                organisation=owner.organisation,
                created_by=owner,
                positions=[catalogue["engine_oil"]],
                maintenance_date=datetime.date(2012, 1, 1) + datetime.timedelta(days=i),
            )

    add(1)
    client.get(url("history", vin=WALKTHROUGH_VIN))
    with CaptureQueriesContext(connection) as one:
        client.get(url("history", vin=WALKTHROUGH_VIN))
    add(25)
    with CaptureQueriesContext(connection) as many:
        page = client.get(url("history", vin=WALKTHROUGH_VIN)).content.decode()
    assert page.count('<tr id="entry-') == 26
    assert len(many) == len(one)


def _stored(owner):  # type: ignore[no-untyped-def]
    return entry_create(
        actor=owner,
        vehicle=Vehicle.objects.get(),
        mileage="130000",
        maintenance_date=clock.today().isoformat(),
        position_codes=["engine_oil"],
        comment="First",
        consent=True,
        ip_address=None,
    )


def test_it_lets_the_entering_workshop_correct_an_entry(client, owner) -> None:
    entry = _stored(owner)
    response = client.post(
        url("entry_correct", entry_id=entry.pk),
        {"positions": ["engine_oil", "microfilter"], "comment": "Second"},
    )
    assert response.status_code == 302
    page = client.get(url("history", vin=WALKTHROUGH_VIN)).content.decode()
    assert "Second" in page and "First" in page and "Correction (version 2)" in page
    assert "Replaced by a correction" in page


def test_it_lets_the_entering_workshop_cancel_with_a_reason(client, owner) -> None:
    entry = _stored(owner)
    page = client.post(url("entry_cancel", entry_id=entry.pk), {"reason": ""}).content.decode()
    assert "SH-0054" in page
    client.post(url("entry_cancel", entry_id=entry.pk), {"reason": "Wrong car"})
    entry.refresh_from_db()
    assert entry.cancellation_reason == "Wrong car"


def test_it_refuses_corrections_and_cancellations_to_an_outsider(
    owner, outsider, client_for, applications, vehicle
) -> None:
    entry = _stored(owner)
    client = client_for(outsider)
    assert client.get(url("history", vin=WALKTHROUGH_VIN)).status_code == 200
    page = client.get(url("history", vin=WALKTHROUGH_VIN)).content.decode()
    assert url("entry_correct", entry_id=entry.pk) not in page
    assert (
        client.post(
            url("entry_correct", entry_id=entry.pk), {"positions": ["engine_oil"]}
        ).status_code
        == 403
    )
    assert client.post(url("entry_cancel", entry_id=entry.pk), {"reason": "x"}).status_code == 403
    entry.refresh_from_db()
    assert entry.cancelled_at is None and not entry.corrections.exists()


def test_it_answers_404_for_an_unknown_vehicle_or_entry(client) -> None:
    assert client.get(url("history", vin="WBAUV71070A999999")).status_code == 404
    assert client.get(url("service_sheet", entry_id=999999)).status_code == 404


def test_it_speaks_danish_to_a_danish_user(client, owner) -> None:
    owner.language = "da"
    owner.save(update_fields=["language"])
    page = fill_service_data(client, mileage="129a").content.decode()
    for text in [
        "Servicedata",
        "Kilometerstand (i kilometer)",
        "(kun tal, f.eks.: 10000)",
        "Servicedato",
        "Ordregrundlag",
        "IPL-0051 Den indtastede kilometerstand er ugyldig. Brug udelukkende tallene "
        "0 - 9 ved indtastningen.",
    ]:
        assert text in page, text


def test_it_speaks_german_to_a_german_user(client, owner, catalogue) -> None:
    catalogue["engine_oil"].name_de = "Motoröl"
    catalogue["engine_oil"].save(update_fields=["name_de"])
    owner.language = "de"
    owner.save(update_fields=["language"])
    page = fill_service_data(client, mileage="129a").content.decode()
    for text in [
        "Servicedaten",
        "Kilometerstand (in Kilometern)",
        "Wartungsdatum",
        "Motoröl",
        "IPL-0051 Der eingegebene Kilometerstand ist ungültig. Bitte verwenden Sie für Ihre "
        "Eingabe ausschließlich die Ziffern 0 - 9.",
    ]:
        assert text in page, text


def test_it_shows_on_the_order_base_what_still_blocks_the_entry(client) -> None:
    fill_service_data(client, mileage="129a")
    page = client.get(url("order_base", vin=WALKTHROUGH_VIN)).content.decode()
    assert IPL_0051 in page and "Correct the service data" in page


def test_it_offers_the_service_sheet_right_after_storing(client) -> None:
    fill_service_data(client)
    response = client.post(
        url("order_base", vin=WALKTHROUGH_VIN), {"step": "store", "consent": "on", "comment": ""}
    )
    entry = ServiceEntry.objects.get()
    page = client.get(response["Location"]).content.decode()
    assert f'class="btn" href="{url("service_sheet", entry_id=entry.pk)}"' in page


# --- control characters (aftersales/portal/text.py) ------------------------------------------


def test_it_stores_nothing_for_a_comment_with_a_control_character_and_keeps_it(client) -> None:
    fill_service_data(client)
    client.post(url("order_base_comment", vin=WALKTHROUGH_VIN), {"comment": "Oil 5W-30"})
    response = client.post(
        url("order_base", vin=WALKTHROUGH_VIN),
        {"step": "store", "consent": "on", "comment": "Oil\x00 5W-30 filled"},
    )
    page = response.content.decode()
    assert response.status_code == 200 and "TEXT-0001" in page and "5W-30 filled" in page
    assert not ServiceEntry.objects.exists()


def test_it_refuses_a_cancellation_reason_with_a_control_character(client, owner) -> None:
    entry = _stored(owner)
    response = client.post(url("entry_cancel", entry_id=entry.pk), {"reason": "Wrong car\x07"})
    assert "TEXT-0001" in response.content.decode()
    entry.refresh_from_db()
    assert entry.cancelled_at is None


@pytest.mark.parametrize(
    "name",
    ["central_data", "history", "vehicle_data", "vehicle_pdf", "options", "service_data"],
)
def test_it_refuses_a_control_character_in_the_vin_of_the_path(client, name) -> None:
    response = client.get(url(name, vin="WBAUV71070A19374\x00"))
    assert response.status_code == 422 and "VIN-0001" in response.content.decode()
