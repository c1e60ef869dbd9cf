"""The reference client bin/aftersales-transfer, against the API in-process and over HTTP."""

from __future__ import annotations

import io
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from django.test import Client

from aftersales import clock
from aftersales.api import transfer_client
from aftersales.servicehistory.models import ServiceEntry
from aftersales.tools.models import ToolSession

from .conftest import VIN, create_entry, diagnosis_licence, grant_diagnosis, make_token

ROOT = Path(__file__).resolve().parents[2]
# The time the client's clock said at its last run; a transfer must not predate the entry.
CLOCK: dict[str, datetime] = {}


def django_transport(method, url, headers, body):  # type: ignore[no-untyped-def]
    """Sends the client's requests through Django's test client instead of the network."""
    path = url.removeprefix("http://testserver")
    response = Client().generic(
        method,
        path,
        data=body or b"",
        content_type=headers.get("Content-Type", ""),
        headers={k: v for k, v in headers.items() if k != "Content-Type"},
    )
    return response.status_code, dict(response.items()), response.content


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    CLOCK["now"] = clock.now()
    code = transfer_client.run(
        ["--url", "http://testserver", *args],
        transport=django_transport,
        out=out,
        err=err,
        now=lambda: CLOCK["now"],
    )
    return code, out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_it_prints_and_confirms_the_pending_entries(api_for, owner, vehicle, diagnosis_ticket):
    created = create_entry(api_for(owner))
    code, out, err = run("--licence", diagnosis_licence(owner), "--vin", VIN)
    assert code == 0, err
    assert f"{created['number']}" in out
    assert "Engine oil (engine_oil)" in out
    assert f"Transferred {created['number']}" in out
    entry = ServiceEntry.objects.get()
    assert entry.transferred_at == CLOCK["now"]
    session = ToolSession.objects.get()
    assert entry.transfer_tool_id == f"ISTA 4.41.10 (session {session.pk})"
    assert session.result == "completed"


@pytest.mark.django_db
def test_it_confirms_nothing_on_a_dry_run(api_for, owner, vehicle, diagnosis_ticket):
    create_entry(api_for(owner))
    code, out, _err = run("--licence", diagnosis_licence(owner), "--vin", "A193748", "--dry-run")
    assert code == 0
    assert "Dry run" in out
    assert ServiceEntry.objects.get().transferred_at is None


@pytest.mark.django_db
def test_it_says_so_when_nothing_is_pending(owner, vehicle, diagnosis_ticket):
    code, out, _err = run("--licence", diagnosis_licence(owner), "--vin", VIN)
    assert code == 0
    assert "up to date" in out


@pytest.mark.django_db
def test_it_prints_the_problem_when_the_api_refuses(api_for, owner, vehicle):
    create_entry(api_for(owner))
    code, _out, err = run("--token", make_token(owner), "--vin", VIN)
    assert code == 1
    assert "403 ACCESS-0004" in err


@pytest.mark.django_db
def test_it_refuses_a_revoked_or_wrong_token(owner, vehicle, diagnosis_ticket):
    code, _out, err = run("--token", "as_000000000000_" + "x" * 43, "--vin", VIN)
    assert code == 1
    assert "401 API-0401" in err


def test_it_needs_a_licence_or_a_token(monkeypatch):
    monkeypatch.delenv("AFTERSALES_TOKEN", raising=False)
    monkeypatch.delenv("AFTERSALES_LICENCE", raising=False)
    code, _out, err = run("--vin", VIN)
    assert code == 2
    assert "token" in err


@pytest.mark.django_db(transaction=True)
def test_it_transfers_over_http_with_the_command(live_server, owner, applications):
    from aftersales.servicehistory import demo
    from tests.servicehistory.factories import VehicleFactory, make_catalogue

    make_catalogue()
    demo.load_operations()
    VehicleFactory()
    grant_diagnosis(owner.organisation)
    token = make_token(owner)
    from .conftest import ApiClient

    create_entry(ApiClient(token))
    licence = diagnosis_licence(owner)
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bin" / "aftersales-transfer"),
            "--url",
            live_server.url,
            "--licence",
            licence,
            "--vin",
            VIN,
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Transferred SH-" in result.stdout
    assert ServiceEntry.objects.get().transfer_tool_id.startswith("ISTA 4.41.10 (session ")
