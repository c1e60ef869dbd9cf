"""The back office: campaigns with inlines, publish / withdraw, counts and CSV exports, the
imports with their progress page and rejects, the size limit; workshops are kept out."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from aftersales import clock
from aftersales.campaigns.models import Campaign, CampaignImport, CampaignVehicle
from tests.servicehistory.factories import WALKTHROUGH_VIN, entry_create

from .factories import make_campaign, other_vehicle

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).parent / "data" / "FLAT_RCL_sample.txt"


@pytest.fixture
def back_office(operator, client_for):  # type: ignore[no-untyped-def]
    return client_for(operator)


def changelist() -> str:
    return reverse("admin:campaigns_campaign_changelist")


def rows_of(response) -> list[list[str]]:  # type: ignore[no-untyped-def]
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_it_keeps_workshops_out_of_the_back_office(owner, client_for) -> None:
    response = client_for(owner).get(changelist())
    assert response.status_code == 302 and "/back-office/login/" in response["Location"]


def test_it_lists_campaigns_with_affected_done_and_open(back_office, owner, vehicle) -> None:
    make_campaign(vehicles=[other_vehicle()])
    entry_create(
        actor=owner,
        vehicle=vehicle,
        mileage="130000",
        maintenance_date=clock.today().isoformat(),
        position_codes=[],
        items=[{"kind": "CAMP", "number": "0013250800"}],
    )
    page = back_office.get(changelist()).content.decode()
    assert "0013250800" in page and "2 / 1 / 1" in page


def test_it_creates_a_campaign_with_parts_and_rules(back_office, catalogue) -> None:
    data = {
        "number": "0099000100",
        "kind": "service",
        "start_date": clock.today().isoformat(),
        "title": "Door seal",
        "labour_operation_number": "51 76 000",
        "labour_allowance_fru": "6",
        "parts-TOTAL_FORMS": "1",
        "parts-INITIAL_FORMS": "0",
        "parts-0-number": "51 76 7 000 001",
        "parts-0-description": "Door seal",
        "parts-0-quantity": "2",
        "parts-0-unit": "pcs",
        "parts-0-unit_price": "12.50",
        "parts-0-position": "1",
        "rules-TOTAL_FORMS": "1",
        "rules-INITIAL_FORMS": "0",
        "rules-0-series": "e91",
        "rules-0-produced_from": "2008-01-01",
    }
    response = back_office.post(reverse("admin:campaigns_campaign_add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    campaign = Campaign.objects.get(number="0099000100")
    assert campaign.state == Campaign.State.DRAFT
    assert campaign.parts.get().unit_price == 12.5
    assert campaign.rules.get().series == "E91"


def test_it_publishes_and_withdraws_through_the_actions(back_office, db) -> None:
    draft = make_campaign(state=Campaign.State.DRAFT)
    back_office.post(changelist(), {"action": "publish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.state == Campaign.State.PUBLISHED
    back_office.post(changelist(), {"action": "withdraw", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.state == Campaign.State.WITHDRAWN


def test_it_says_why_a_campaign_cannot_be_published(back_office, db) -> None:
    draft = make_campaign(state=Campaign.State.DRAFT, rules=[])
    response = back_office.post(
        changelist(), {"action": "publish", "_selected_action": [draft.pk]}, follow=True
    )
    assert "TC-0010 Campaign 0013250800 affects no vehicle yet" in response.content.decode()


def test_it_exports_the_counts_as_csv(back_office, vehicle) -> None:
    campaign = make_campaign(title="=HYPERLINK(1)")
    response = back_office.post(
        changelist(), {"action": "export_counts", "_selected_action": [campaign.pk]}
    )
    header, row = rows_of(response)
    assert header[-3:] == ["affected", "done", "open"]
    assert row[0] == "0013250800" and row[-3:] == ["1", "0", "1"]
    assert row[3] == "'=HYPERLINK(1)"  # never a formula in a spreadsheet


def test_it_exports_the_vehicles_of_a_campaign_with_their_state(
    back_office, owner, vehicle
) -> None:
    campaign = make_campaign(vehicles=[other_vehicle()])
    entry = entry_create(
        actor=owner,
        vehicle=vehicle,
        mileage="130000",
        maintenance_date=clock.today().isoformat(),
        position_codes=[],
        items=[{"kind": "CAMP", "number": campaign.number}],
    )
    response = back_office.get(
        reverse("admin:campaigns_campaign_export_vehicles", args=[campaign.pk])
    )
    rows = rows_of(response)
    assert rows[1][:5] == ["WBAPK31000A412307", "320d", "E90", "2010-05-03", "open"]
    assert rows[2][0] == WALKTHROUGH_VIN and rows[2][4:] == [
        "done",
        clock.today().isoformat(),
        "Motorhjørnet ApS",
        entry.number,
    ]


def test_it_imports_a_vin_list_in_the_background_and_shows_the_rejects(
    back_office, vehicle, django_capture_on_commit_callbacks
) -> None:
    campaign = make_campaign(rules=[])
    upload = SimpleUploadedFile(
        "vins.csv", f"vin\n{WALKTHROUGH_VIN}\nWBA<b>X\n{WALKTHROUGH_VIN}\n".encode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = back_office.post(
            reverse("admin:campaigns_campaign_import_vins", args=[campaign.pk]), {"file": upload}
        )
    job = CampaignImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "admin:campaigns_campaign_import_progress", args=[job.pk]
    )
    assert job.state == CampaignImport.State.DONE and not job.file
    assert CampaignVehicle.objects.filter(campaign=campaign).count() == 1
    page = back_office.get(response["Location"]).content.decode()
    assert "4 lines read: 1 VINs added, 0 already listed, 2 rejected." in page
    assert "<td>3</td><td>WBA&lt;b&gt;X</td>" in page and "duplicate of line 2" in page
    assert 'value="100"' in page


def test_it_polls_the_progress_of_a_running_import(back_office, db) -> None:
    job = CampaignImport.objects.create(
        kind=CampaignImport.Kind.NHTSA,
        file_name="FLAT_RCL.txt",
        size_bytes=1000,
        progress_done=250,
        progress_total=1000,
    )
    response = back_office.get(
        reverse("admin:campaigns_campaign_import_progress", args=[job.pk]),
        headers={"HX-Request": "true"},
    )
    fragment = response.content.decode()
    assert (
        fragment.lstrip().startswith('<div id="import-status"')
        and 'hx-trigger="every 1s"' in fragment
    )
    assert 'value="25"' in fragment and "<html" not in fragment


def test_it_imports_the_nhtsa_file_from_the_back_office(
    back_office, db, django_capture_on_commit_callbacks
) -> None:
    upload = SimpleUploadedFile("FLAT_RCL.txt", SAMPLE.read_bytes())
    with django_capture_on_commit_callbacks(execute=True):
        response = back_office.post(
            reverse("admin:campaigns_campaign_import_nhtsa"), {"file": upload, "publish": "on"}
        )
    page = back_office.get(response["Location"]).content.decode()
    assert "10 records read: 2 campaigns created, 0 updated, 0 unchanged, 2 records" in page
    assert Campaign.objects.filter(state=Campaign.State.PUBLISHED, source="nhtsa").count() == 2


def test_it_refuses_a_file_over_the_limit_without_reading_it(back_office, settings, db) -> None:
    settings.CAMPAIGN_IMPORT_MAX_BYTES = 1000
    campaign = make_campaign(rules=[])
    big = SimpleUploadedFile("vins.csv", b"WBAUV71070A193748\n" * 10_000)  # 180 kB
    response = back_office.post(
        reverse("admin:campaigns_campaign_import_vins", args=[campaign.pk]), {"file": big}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "TC-0020 The file is 0.2 MB; the back office imports files of at most 0.0 MB." in page
    assert not CampaignImport.objects.exists()


def test_it_stops_reading_an_upload_that_grows_past_the_limit(back_office, settings, db) -> None:
    settings.CAMPAIGN_IMPORT_MAX_BYTES = 1000
    campaign = make_campaign(rules=[])
    upload = SimpleUploadedFile("vins.csv", b"WBAUV71070A193748\n" * 100)  # 1.8 kB
    response = back_office.post(
        reverse("admin:campaigns_campaign_import_vins", args=[campaign.pk]), {"file": upload}
    )
    assert "TC-0020" in response.content.decode() and not CampaignImport.objects.exists()


def test_it_shows_the_file_format_on_the_upload_page(back_office, db) -> None:
    page = back_office.get(reverse("admin:campaigns_campaign_import_nhtsa")).content.decode()
    assert "CONEQUENCE_DEFECT" in page and "At most 20.0 MB" in page


def test_it_shows_completions_read_only(back_office, owner, vehicle) -> None:
    make_campaign()
    entry_create(
        actor=owner,
        vehicle=vehicle,
        mileage="130000",
        maintenance_date=clock.today().isoformat(),
        position_codes=[],
        items=[{"kind": "CAMP", "number": "0013250800"}],
    )
    page = back_office.get(
        reverse("admin:campaigns_campaigncompletion_changelist")
    ).content.decode()
    assert "Motorhjørnet ApS" in page
    assert back_office.get(reverse("admin:campaigns_campaigncompletion_add")).status_code == 403


def test_it_deletes_only_drafts(back_office, db) -> None:
    published = make_campaign()
    draft = make_campaign("0051880500", state=Campaign.State.DRAFT)
    delete = "admin:campaigns_campaign_delete"
    assert back_office.get(reverse(delete, args=[published.pk])).status_code == 403
    assert back_office.post(reverse(delete, args=[draft.pk]), {"post": "yes"}).status_code == 302
    assert list(Campaign.objects.values_list("number", flat=True)) == ["0013250800"]
