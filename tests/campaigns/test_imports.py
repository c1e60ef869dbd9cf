"""The imports: a campaign's VIN list (CSV) and NHTSA's recall file (FLAT_RCL), with
line-numbered rejects; and their management commands."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from aftersales.campaigns.imports import campaign_vins_import, nhtsa_import
from aftersales.campaigns.models import Campaign, CampaignRule, CampaignVehicle
from aftersales.campaigns.selectors import State, campaigns_for_vehicle
from aftersales.portal.errors import RuleViolation
from tests.servicehistory.factories import WALKTHROUGH_VIN

from .factories import make_campaign, other_vehicle

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).parent / "data" / "FLAT_RCL_sample.txt"
E90 = "WBAPK31000A412307"


def vins_import(campaign: Campaign, text: str, encoding: str = "utf-8"):  # type: ignore[no-untyped-def]
    return campaign_vins_import(campaign=campaign, stream=io.BytesIO(text.encode(encoding)))


def reasons(result) -> list[tuple[int, str]]:  # type: ignore[no-untyped-def]
    return [(reject.line, reject.reason) for reject in result.rejected]


# --- VIN list -----------------------------------------------------------------------------------


def test_it_imports_one_vin_per_line(vehicle) -> None:
    other_vehicle()
    campaign = make_campaign(rules=[])
    result = vins_import(campaign, f"{WALKTHROUGH_VIN}\n{E90.lower()}\n")
    assert (result.imported, result.unchanged, result.rejected) == (2, 0, [])
    assert set(CampaignVehicle.objects.values_list("vehicle__vin", flat=True)) == {
        WALKTHROUGH_VIN,
        E90,
    }


def test_it_reads_the_vin_column_of_a_csv_with_a_header(vehicle) -> None:
    campaign = make_campaign(rules=[])
    result = vins_import(campaign, f"dealer;VIN;note\n4711;{WALKTHROUGH_VIN};first\n")
    assert result.imported == 1 and result.rejected == []


def test_it_rejects_bad_lines_with_their_number_and_goes_on(vehicle) -> None:
    other_vehicle()
    campaign = make_campaign(rules=[])
    text = "\n".join(
        [
            "vin",
            WALKTHROUGH_VIN,
            "WBAUV71070A19374",  # 16 characters
            "WBAUV71O70A193748",  # a letter O
            WALKTHROUGH_VIN,  # duplicate
            "",
            "WBA00000000000001",  # well-formed, unknown
            E90,
        ]
    )
    result = vins_import(campaign, text)
    assert result.imported == 2
    assert [(line, reason.split(":")[0]) for line, reason in reasons(result)] == [
        (3, "not a VIN"),
        (4, "not a VIN"),
        (5, "duplicate of line 2"),
        (7, "not in the central vehicle data"),
    ]


def test_it_is_idempotent(vehicle) -> None:
    campaign = make_campaign(rules=[])
    vins_import(campaign, WALKTHROUGH_VIN)
    again = vins_import(campaign, WALKTHROUGH_VIN)
    assert (again.imported, again.unchanged) == (0, 1)
    assert CampaignVehicle.objects.count() == 1


def test_it_reads_windows_1252_text(vehicle) -> None:
    campaign = make_campaign(rules=[])
    result = vins_import(campaign, f"Fahrgestellnummer (ü)\n{WALKTHROUGH_VIN}\n", encoding="cp1252")
    assert result.imported == 1 and result.rejected == []


def test_it_refuses_a_csv_without_a_vin_column(vehicle) -> None:
    with pytest.raises(RuleViolation) as error:
        vins_import(make_campaign(rules=[]), f"dealer,chassis\n1,{WALKTHROUGH_VIN}\n")
    assert error.value.code == "TC-0021" and "vin" in error.value.message


def test_it_refuses_a_binary_file(vehicle) -> None:
    with pytest.raises(RuleViolation) as error:
        campaign_vins_import(
            campaign=make_campaign(rules=[]), stream=io.BytesIO(b"PK\x03\x04\x00\x00")
        )
    assert error.value.code == "TC-0021"


def test_it_reports_progress_in_bytes_and_lines(vehicle) -> None:
    seen: list[tuple[int, int]] = []
    text = f"{WALKTHROUGH_VIN}\n"
    campaign_vins_import(
        campaign=make_campaign(rules=[]),
        stream=io.BytesIO(text.encode()),
        on_progress=lambda done, lines: seen.append((done, lines)),
    )
    assert seen[-1] == (len(text), 1)


def test_it_makes_the_listed_vehicle_affected(vehicle) -> None:
    campaign = make_campaign(rules=[])
    vins_import(campaign, WALKTHROUGH_VIN)
    assert [row.campaign for row in campaigns_for_vehicle(vehicle=vehicle)] == [campaign]


# --- NHTSA FLAT_RCL -------------------------------------------------------------------------------


def nhtsa_sample(**kwargs):  # type: ignore[no-untyped-def]
    with SAMPLE.open("rb") as stream:
        return nhtsa_import(stream=stream, **kwargs)


def test_it_imports_the_sample_campaigns_as_drafts(db) -> None:
    result = nhtsa_sample()
    assert (result.imported, result.skipped, result.lines) == (2, 2, 10)
    fuel = Campaign.objects.get(number="24V101000")
    assert fuel.state == Campaign.State.DRAFT and fuel.source == Campaign.Source.NHTSA
    assert fuel.title == "High-pressure fuel pump" and fuel.manufacturer_number == "0013250800"
    assert fuel.defect.startswith("The high-pressure fuel pump can wear early")
    assert fuel.risk.startswith("The engine can lose power") and "free of charge" in fuel.remedy
    assert str(fuel.start_date) == "2024-04-15" and fuel.do_not_drive is False
    assert Campaign.objects.get(number="25V202000").do_not_drive is True


def test_it_turns_make_model_and_year_into_rules(db) -> None:
    nhtsa_sample()
    rules = CampaignRule.objects.filter(campaign__number="24V101000").order_by(
        "model", "model_year"
    )
    assert [(r.make, r.model, r.model_year) for r in rules] == [
        ("bmw", "135I", 2009),
        ("bmw", "335I", 2008),
        ("bmw", "335I", 2009),
        ("bmw", "535I", 2010),
    ]
    assert str(rules[1].produced_from) == "2007-03-01" and str(rules[1].produced_to) == "2010-08-31"


def test_it_rejects_malformed_records_with_their_line_number(db) -> None:
    result = nhtsa_sample()
    assert reasons(result) == [
        (7, "BGMAN is not a date YYYYMMDD: 2020-01-01"),
        (8, "YEARTXT is not a model year: 20X1"),
        (10, "4 fields; a FLAT_RCL record has at least 24, separated by tabs"),
    ]
    assert not Campaign.objects.filter(number__in=["24V505000", "24V606000", "24V707000"]).exists()


def test_it_imports_the_sample_again_without_changing_anything(db) -> None:
    nhtsa_sample()
    again = nhtsa_sample()
    assert (again.imported, again.updated, again.unchanged) == (0, 0, 2)
    assert CampaignRule.objects.count() == 5


def test_it_publishes_new_campaigns_on_request_and_they_reach_the_walkthrough_car(vehicle) -> None:
    nhtsa_sample(publish=True)
    rows = campaigns_for_vehicle(vehicle=vehicle)
    assert [(row.campaign.number, row.state) for row in rows] == [("24V101000", State.OPEN)]


def test_it_leaves_a_campaign_of_the_back_office_with_the_same_number_alone(db) -> None:
    make_campaign("24V101000", title="Our own")
    result = nhtsa_sample()
    assert [line for line, _reason in reasons(result)][:4] == [1, 2, 3, 7]
    assert Campaign.objects.get(number="24V101000").title == "Our own"


def test_it_skips_a_header_line(db) -> None:
    header = b"RECORD_ID\tCAMPNO\tMAKETXT\n"
    result = nhtsa_import(stream=io.BytesIO(header + SAMPLE.read_bytes()))
    assert result.imported == 2 and [line for line, _ in reasons(result)] == [8, 9, 11]


# --- management commands ---------------------------------------------------------------------


def test_it_imports_the_nhtsa_file_with_the_command(db) -> None:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_nhtsa_recalls", str(SAMPLE), "--no-progress", stdout=out, stderr=err)
    assert "2 campaigns created" in out.getvalue() and "3 rejected" in out.getvalue()
    assert "rejected: line 7 (24V505000): BGMAN is not a date" in err.getvalue()


def test_it_imports_a_vin_list_with_the_command(vehicle, tmp_path) -> None:
    make_campaign(rules=[])
    path = tmp_path / "vins.csv"
    path.write_text(f"vin\n{WALKTHROUGH_VIN}\nWBA1\n")
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "import_campaign_vins", "0013250800", str(path), "--no-progress", stdout=out, stderr=err
    )
    assert "1 VINs added" in out.getvalue() and "1 rejected" in out.getvalue()
    assert "rejected: line 3 (WBA1): not a VIN" in err.getvalue()


def test_it_names_an_unknown_campaign_or_file_in_the_command(db, tmp_path) -> None:
    with pytest.raises(CommandError, match="no campaign 42"):
        call_command("import_campaign_vins", "42", str(tmp_path / "x.csv"))
    with pytest.raises(CommandError, match="no such file"):
        call_command("import_nhtsa_recalls", str(tmp_path / "missing.txt"))
