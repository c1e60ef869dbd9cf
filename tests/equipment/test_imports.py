"""Imports of tool catalogues: CSV and XLSX, idempotent by number, line-numbered rejects, and
files refused as a whole (EQ-0040, EQ-0041)."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from aftersales.equipment.imports.jobs import tool_import_create
from aftersales.equipment.imports.run import tool_catalogue_import
from aftersales.equipment.models import Tool, ToolImport
from aftersales.portal.errors import RuleViolation

pytestmark = pytest.mark.django_db

CSV = (
    "number;name;name_da;supplier;price;brands;calibration_months\n"
    "83 30 0 494 060;Brake bleeding adapter;Udluftningsadapter;BMW Group;148,50;bmw|mini;\n"
    "00 9 250;Torque wrench 40-200 Nm;Momentnøgle;Stahlwille;389.00;;12\n"
)


def run(text: str | bytes, format: str = "csv"):  # type: ignore[no-untyped-def]
    data = text.encode() if isinstance(text, str) else text
    return tool_catalogue_import(stream=io.BytesIO(data), format=format, size=len(data))


def test_it_imports_a_csv_catalogue() -> None:
    result = run(CSV)
    assert (result.created, result.rejected) == (2, [])
    tool = Tool.objects.get(number="83 30 0 494 060")
    assert (
        tool.price == Decimal("148.50")
        and tool.brands == ["bmw", "mini"]
        and tool.name_da == "Udluftningsadapter"
    )
    assert Tool.objects.get(number="00 9 250").calibration_months == 12


def test_it_changes_nothing_when_the_same_file_comes_again() -> None:
    run(CSV)
    result = run(CSV)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 2)


def test_it_updates_a_changed_line() -> None:
    run(CSV)
    result = run(CSV.replace("389.00", "399.00"))
    assert result.updated == 1 and Tool.objects.get(number="00 9 250").price == Decimal("399.00")


def test_it_rejects_bad_lines_with_their_number_and_goes_on() -> None:
    text = (
        CSV
        + "12 1 200;;;;;;\n"
        + "12 7 010;Battery tester;;;cheap;;\n"
        + "34 1 260;Reset tool;;;;audi;\n"
        + "00 9 250;Again;;;;;\n"
        + "12 7 011;Tester 2;;;;;300\n"
    )
    result = run(text)
    rejected = {reject.line: reject.reason for reject in result.rejected}
    assert result.created == 2 and sorted(rejected) == [4, 5, 6, 7, 8]
    assert "name" in rejected[4] and "not a number" in rejected[5] and "audi" in rejected[6]
    assert "duplicate of line 3" in rejected[7] and "240" in rejected[8]


def test_it_reads_an_xlsx_workbook() -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Number", "Name", "Price", "Calibration months"])
    sheet.append(["61 2 300", "Insulation tester", 1290, 12])
    stream = io.BytesIO()
    book.save(stream)
    result = run(stream.getvalue(), format="xlsx")
    assert result.created == 1 and Tool.objects.get().calibration_months == 12


def test_it_refuses_a_file_without_the_required_columns() -> None:
    with pytest.raises(RuleViolation) as refused:
        run("tool;price\n83 30;1\n")
    assert refused.value.code == "EQ-0041"


def test_it_refuses_an_upload_over_the_limit_before_storing_it(operator, settings) -> None:
    settings.TOOL_IMPORT_MAX_BYTES = 10
    with pytest.raises(RuleViolation) as refused:
        tool_import_create(upload=SimpleUploadedFile("t.csv", CSV.encode()), actor=operator)
    assert refused.value.code == "EQ-0040" and not ToolImport.objects.exists()


def test_it_runs_an_upload_in_the_background_and_keeps_the_result(
    operator, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        job = tool_import_create(upload=SimpleUploadedFile("t.csv", CSV.encode()), actor=operator)
    job.refresh_from_db()
    assert job.state == "done" and job.created == 2 and job.percent == 100 and not job.file


def test_it_imports_from_the_command_line(tmp_path) -> None:
    path = tmp_path / "tools.csv"
    path.write_text(CSV)
    out = io.StringIO()
    call_command("import_tools", str(path), "--no-progress", stdout=out)
    assert "2 tools created" in out.getvalue()


def test_it_imports_the_german_name_and_purpose() -> None:
    run(
        "number;name;name_de;description;description_de\n"
        "00 9 250;Torque wrench;Drehmomentschlüssel;For wheel bolts;Für Radschrauben\n"
    )
    tool = Tool.objects.get(number="00 9 250")
    assert (tool.text("name", "de"), tool.text("description", "de")) == (
        "Drehmomentschlüssel",
        "Für Radschrauben",
    )
