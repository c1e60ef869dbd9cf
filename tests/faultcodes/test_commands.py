"""manage.py load_fault_codes: the generic pack or a file, idempotent, rejects on stderr."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from aftersales.faultcodes.models import FaultCode

pytestmark = pytest.mark.django_db


def load(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("load_fault_codes", *args, "--no-progress", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_it_loads_the_generic_pack_once() -> None:
    first, _err = load()
    second, _err = load()
    count = FaultCode.objects.count()
    assert f"{count} created" in first
    assert f"0 created, 0 updated, {count} unchanged, 0 rejected" in second


def test_it_loads_a_manufacturer_pack_with_a_brand_and_reports_rejects(tmp_path) -> None:
    path = tmp_path / "pack.csv"
    path.write_text("code,description_en\nP1A00,Adjuster\nP1A0Z,Bad\n", encoding="utf-8")
    out, err = load(str(path), "--brand", "bmw")
    assert FaultCode.objects.get(code="P1A00").brand == "bmw"
    assert "rejected: line 3 (P1A0Z): FC-0001" in err
    assert "1 created" in out


def test_it_refuses_a_file_without_the_columns(tmp_path) -> None:
    path = tmp_path / "pack.csv"
    path.write_text("vin\nX\n", encoding="utf-8")
    with pytest.raises(CommandError, match="FC-0031"):
        load(str(path))
