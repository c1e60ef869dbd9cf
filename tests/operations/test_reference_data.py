"""manage.py load_reference_data on a fresh production database: what a real portal needs,
no demo users; the shipped samples import afterwards."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command

from aftersales.accounts.models import Organisation, User
from aftersales.billing.models import Price, PriceList, TicketProduct
from aftersales.billing.selectors import price_list_in_force
from aftersales.catalogue.models import Application
from aftersales.emissions.models import DueInterval, LegalLimit
from aftersales.faultcodes.models import FaultCode
from aftersales.programming.models import ProgrammingSettings
from aftersales.stateofcharge.models import BatterySettings, BatteryType
from aftersales.tools.models import Tool, ToolRelease
from aftersales.vehicles.models import CbsPosition, Vehicle

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "aftersales" / "vehicles" / "samples"


def load() -> str:
    out = io.StringIO()
    call_command("load_reference_data", stdout=out)
    return out.getvalue()


def test_it_installs_the_catalogue_a_portal_needs() -> None:
    load()
    assert Application.objects.count() == 12
    assert CbsPosition.objects.exists()
    assert TicketProduct.objects.exists()
    assert price_list_in_force() is not None
    assert FaultCode.objects.exists()


def test_it_installs_the_desktop_tools_of_diagnosis_and_programming_without_releases() -> None:
    load()
    assert dict(Tool.objects.values_list("application__slug", "name")) == {
        "diagnosis": "ISTA",
        "programming": "ISTA/P",
    }
    assert not ToolRelease.objects.exists()


def test_it_installs_the_battery_types_and_the_operators_settings() -> None:
    load()
    assert BatteryType.objects.filter(series="I01", engine_type="IB1").exists()
    assert BatterySettings.objects.count() == 1
    assert ProgrammingSettings.objects.count() == 1


def test_it_installs_the_legal_emission_limits_and_test_intervals() -> None:
    load()
    assert LegalLimit.objects.filter(fuel="petrol").exists()
    assert LegalLimit.objects.filter(fuel="diesel").exists()
    assert DueInterval.objects.filter(country="DK").exists()


def test_it_keeps_a_battery_capacity_and_a_tool_the_operator_changed() -> None:
    load()
    BatteryType.objects.filter(series="I01").update(nominal_capacity_kwh=Decimal("36.0"))
    Tool.objects.filter(slug="ista").update(name="ISTA+")
    load()
    assert BatteryType.objects.get(series="I01").nominal_capacity_kwh == Decimal("36.0")
    assert Tool.objects.get(slug="ista").name == "ISTA+"
    assert Tool.objects.count() == 2


def test_it_creates_no_user_and_no_organisation() -> None:
    load()
    assert not User.objects.exists()
    assert not Organisation.objects.exists()


def test_it_lets_only_service_history_start_without_a_ticket() -> None:
    load()
    assert list(
        Application.objects.filter(requires_ticket=False).values_list("slug", flat=True)
    ) == ["service-history"]


def test_it_keeps_what_the_operator_changed_when_run_again() -> None:
    load()
    Application.objects.filter(slug="diagnosis").update(name="Diagnose", maintenance=True)
    Price.objects.update(credits=999)
    load()
    diagnosis = Application.objects.get(slug="diagnosis")
    assert (diagnosis.name, diagnosis.maintenance) == ("Diagnose", True)
    assert set(Price.objects.values_list("credits", flat=True)) == {999}
    assert PriceList.objects.count() == 1


@pytest.mark.parametrize("sample", ["vehicles.csv", "vehicles.jsonl"])
def test_it_imports_the_shipped_samples_afterwards(sample: str) -> None:
    load()
    out = io.StringIO()
    call_command(
        "import_vehicles", str(SAMPLES / sample), "--no-progress", stdout=out, stderr=io.StringIO()
    )
    assert "0 rejected" in out.getvalue()
    assert Vehicle.objects.count() >= 3


def test_it_exits_non_zero_when_the_import_rejects_lines(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    lines = (SAMPLES / "vehicles.csv").read_text().splitlines()
    bad.write_text("\n".join([lines[0], lines[1], "NOTAVIN" + lines[1][17:]]) + "\n")
    database = tmp_path / "db.sqlite3"
    keep = {"PATH", "HOME", "LANG", "TMPDIR"}
    env = {k: v for k, v in os.environ.items() if k in keep}
    env.update(DEBUG="true", DATABASE_URL=f"sqlite:///{database}")
    run = lambda *args: subprocess.run(  # noqa: E731
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert run("migrate", "-v", "0").returncode == 0
    assert run("load_reference_data").returncode == 0
    result = run("import_vehicles", str(bad), "--no-progress")
    assert result.returncode == 1
    assert "1 rejected" in result.stdout
