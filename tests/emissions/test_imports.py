"""The import of nominal values (CSV and XLSX): rows upserted by engine + variant, rejected
lines with their number, files that cannot be read at all refused."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from openpyxl import Workbook

from aftersales.emissions.imports import nominal_values_import, upload_format
from aftersales.emissions.models import NominalValues
from aftersales.portal.errors import RuleViolation

pytestmark = pytest.mark.django_db

HEADER = "engine_type;fuel;series;idle_rpm_min;idle_rpm_max;lambda_min;lambda_max;co_max;smoke_k_max;obd_check\n"


def run(text: str) -> object:
    return nominal_values_import(stream=io.BytesIO(text.encode()), format="csv")


def test_it_imports_rows_with_a_decimal_comma() -> None:
    result = run(HEADER + "N54;petrol;;680;780;0,970;1,030;;;yes\nB47;diesel;;780;880;;;;0,50;\n")
    assert (result.created, result.rejected) == (2, [])
    row = NominalValues.objects.get(engine_type="N54")
    assert row.lambda_min == Decimal("0.970") and row.obd_check is True and row.co_max is None


def test_it_changes_nothing_when_the_same_file_is_imported_again() -> None:
    text = HEADER + "N54;petrol;;680;780;0,970;1,030;;;yes\n"
    run(text)
    result = run(text)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 1)


def test_it_updates_a_row_that_differs() -> None:
    run(HEADER + "N54;petrol;;680;780;0,970;1,030;;;yes\n")
    result = run(HEADER + "N54;petrol;;650;750;0,970;1,030;;;yes\n")
    assert result.updated == 1
    assert NominalValues.objects.get().idle_rpm_min == Decimal(650)


def test_it_keeps_a_variant_apart_from_the_engines_row() -> None:
    result = run(HEADER + "N54;petrol;;680;780;;;;;\nN54;petrol;E91;650;750;;;;;\n")
    assert result.created == 2


def test_it_rejects_bad_lines_with_their_number_and_imports_the_rest() -> None:
    result = run(
        HEADER
        + "N54;petrol;;680;780;;;;;\n"
        + "N20;kerosene;;700;800;;;;;\n"
        + "B48;petrol;;700;800;1,2x;;;;\n"
        + "B58;petrol;;700;800;1,03;0,97;;;\n"
        + "N54;petrol;;600;700;;;;;\n"
    )
    assert result.created == 1
    rejected = {reject.line: reject.reason for reject in result.rejected}
    assert set(rejected) == {3, 4, 5, 6}
    assert "kerosene" in rejected[3]
    assert "not a number" in rejected[4]
    assert "below its start" in rejected[5]
    assert "duplicate of line 2" in rejected[6]


def test_it_refuses_a_file_without_the_required_columns() -> None:
    with pytest.raises(RuleViolation) as refused:
        run("engine;idle\nN54;700\n")
    assert refused.value.code == "EMT-0021"


def test_it_imports_an_xlsx_workbook() -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["Engine type", "Fuel", "Smoke k max", "Governed rpm min", "Governed rpm max"])
    sheet.append(["B57", "diesel", 0.4, 4600, 5000])
    stream = io.BytesIO()
    book.save(stream)
    stream.seek(0)
    result = nominal_values_import(stream=stream, format="xlsx")
    assert result.created == 1
    assert NominalValues.objects.get().smoke_k_max == Decimal("0.40")


def test_it_refuses_a_file_that_is_neither_csv_nor_xlsx() -> None:
    with pytest.raises(RuleViolation) as refused:
        upload_format("values.xls")
    assert refused.value.code == "EMT-0021"
