"""bin/aftersales-tool end to end against a live server: start with a licence, heartbeat,
upload a fault memory report, end; a replayed licence refused."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from aftersales import clock
from aftersales.faultcodes.models import FaultReport
from aftersales.tools.models import ToolSession

from .conftest import LATEST, VIN, grant, issue

pytestmark = pytest.mark.django_db(transaction=True)

CLIENT = Path(__file__).resolve().parents[2] / "bin" / "aftersales-tool"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(CLIENT), *args], capture_output=True, text=True, timeout=60
    )


def test_it_runs_a_session_end_to_end(live_server, owner, tickets, vehicle, tmp_path) -> None:  # type: ignore[no-untyped-def]
    grant(owner.organisation, "emission-relevant-fault-codes")
    report = tmp_path / "report.json"
    read_at = (clock.now() - timedelta(minutes=5)).isoformat()
    report.write_text(
        json.dumps(
            {
                "read_at": read_at,
                "mileage": "131050",
                "mil_on": False,
                "codes": [],
                "readiness": {"catalyst": "complete"},
            }
        )
    )
    licence = issue(owner)
    args = ["--url", live_server.url, "--licence", licence, "--version", LATEST, "--vin", VIN]
    done = run(*args, "--fault-report", str(report))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Heartbeat: session open" in done.stdout and "ended: completed" in done.stdout
    session = ToolSession.objects.get()
    assert (session.result, session.vin) == ("completed", VIN)
    assert FaultReport.objects.filter(vehicle=vehicle).count() == 1
    replayed = run(*args)
    assert replayed.returncode == 1 and "TOOL-0003" in replayed.stdout
