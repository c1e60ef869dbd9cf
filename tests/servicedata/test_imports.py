"""The labour catalogue import: CSV and XLSX, idempotent by number + validity, new versions on
change, line-numbered rejects, files that cannot be read at all."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime
from decimal import Decimal

import pytest
from openpyxl import Workbook

from aftersales.portal.errors import RuleViolation
from aftersales.servicedata.imports import labour_catalogue_import
from aftersales.servicedata.models import LabourOperation, LabourOperationVersion

pytestmark = pytest.mark.django_db

CSV = (
    "number;description;description_da;units;series;engine_type;produced_from;tools\n"
    "11 42 000;Oil change;Olieskift;6;E91;N54;2005-01-01;11 4 650|83 30 0 494 060\n"
    "1142000;Oil change;Olieskift;5;E90;N47;;\n"
    "12 12 000;Spark plugs;Tændrør;14;;N54;;\n"
)


def run_csv(text: str, encoding: str = "utf-8"):  # type: ignore[no-untyped-def]
    data = text.encode(encoding)
    return labour_catalogue_import(stream=io.BytesIO(data), format="csv", size=len(data))


def xlsx(rows: list[list[object]]) -> io.BytesIO:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    stream = io.BytesIO()
    book.save(stream)
    stream.seek(0)
    return stream


def test_it_imports_one_operation_per_line() -> None:
    result = run_csv(CSV)
    assert (result.created, result.updated, result.unchanged, result.rejected) == (3, 0, 0, [])
    n54 = LabourOperation.objects.get(number="11 42 000", engine_type="N54")
    assert n54.current.units == Decimal("6.00") and n54.produced_from == date(2005, 1, 1)
    assert n54.current.tool_numbers == ["11 4 650", "83 30 0 494 060"]
    assert n54.current.description_da == "Olieskift"
    assert LabourOperation.objects.get(number="11 42 000", engine_type="N47").series == "E90"


def test_it_changes_nothing_when_the_same_file_comes_again() -> None:
    run_csv(CSV)
    result = run_csv(CSV)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 3)
    assert LabourOperationVersion.objects.count() == 3


def test_it_writes_a_new_version_when_a_line_changed() -> None:
    run_csv(CSV)
    result = run_csv(CSV.replace("Spark plugs;Tændrør;14", "Spark plugs (all);Tændrør;15"))
    assert (result.created, result.updated, result.unchanged) == (0, 1, 2)
    plugs = LabourOperation.objects.get(number="12 12 000")
    assert plugs.current.version == 2 and plugs.current.units == Decimal("15.00")
    assert plugs.versions.get(version=1).units == Decimal("14.00")


def test_it_rejects_bad_lines_with_their_number_and_imports_the_rest() -> None:
    result = run_csv(
        "number,description,units,brand,produced_from,produced_to\n"
        "11 00 001,Good,2,,,\n"
        ",No number,2,,,\n"
        "11 00 002,,2,,,\n"
        "11 00 003,Bad units,zwei,,,\n"
        "11 00 004,Zero units,0,,,\n"
        "11 00 005,Bad brand,2,opel,,\n"
        "11 00 006,Bad date,2,,2010-13-01,\n"
        "11 00 007,Reversed,2,,2012-01-01,2011-01-01\n"
        "11 00 001,Twice,2,,,\n"
    )
    assert result.created == 1
    assert [(r.line, r.reason.split(":")[0]) for r in result.rejected] == [
        (3, "number is missing"),
        (4, "Please enter a description."),
        (5, "units is not a number above 0"),
        (6, "Units are a number greater than 0 and at most 9999, with at most two decimals."),
        (7, "brand opel is unknown (bmw, bmw_m, bmw_i, bmw_motorrad, mini, rolls_royce)"),
        (8, "produced_from is not a date YYYY-MM-DD"),
        (9, "The production period ends before it starts."),
        (10, "duplicate of line 2"),
    ]


def test_it_reads_windows_1252_and_decimal_commas() -> None:
    result = run_csv("number;description;units\n11 00 010;Bremsevæske skift;2,5\n", "cp1252")
    assert result.created == 1
    operation = LabourOperation.objects.get(number="11 00 010")
    assert operation.current.description == "Bremsevæske skift"
    assert operation.current.units == Decimal("2.50")


def test_it_counts_lines_of_quoted_multi_line_texts() -> None:
    result = run_csv(
        'number,description,units,included_work\n11 00 020,A,1,"first\nsecond"\n,B,1,\n'
    )
    assert result.created == 1 and [r.line for r in result.rejected] == [4]


def test_it_refuses_a_file_without_the_required_columns() -> None:
    with pytest.raises(RuleViolation) as refused:
        run_csv("vin;mileage\nWBA;1\n")
    assert (
        refused.value.code == "CSD-0021" and "number, description, units" in refused.value.message
    )


def test_it_refuses_binary_data_as_csv() -> None:
    with pytest.raises(RuleViolation) as refused:
        labour_catalogue_import(stream=io.BytesIO(b"\x00\x01PK"), format="csv", size=4)
    assert refused.value.code == "CSD-0021"


def test_it_imports_an_xlsx_workbook_with_date_and_number_cells() -> None:
    stream = xlsx(
        [
            ["Number", "Description", "Units", "Engine_type", "Produced_from"],
            ["11 42 000", "Oil change", 6, "N54", datetime(2005, 1, 1)],
            [None, None, None, None, None],
            ["12 12 000", "Spark plugs", 2.5, "N54", "2006-03-01"],
            ["13 00 000", "Bad", "x", "", None],
        ]
    )
    result = labour_catalogue_import(stream=stream, format="xlsx")
    assert result.created == 2 and [r.line for r in result.rejected] == [5]
    plugs = LabourOperation.objects.get(number="12 12 000")
    assert plugs.current.units == Decimal("2.50") and plugs.produced_from == date(2006, 3, 1)


def test_it_refuses_a_file_that_is_no_workbook() -> None:
    with pytest.raises(RuleViolation) as refused:
        labour_catalogue_import(stream=io.BytesIO(b"number,description\n"), format="xlsx")
    assert refused.value.code == "CSD-0021"


def test_it_refuses_a_zip_that_unpacks_into_too_much(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from aftersales.portal import tabular as readers

    monkeypatch.setattr(readers, "MAX_UNPACKED_BYTES", 1000)
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "0" * 5000)
    stream.seek(0)
    with pytest.raises(RuleViolation) as refused:
        labour_catalogue_import(stream=stream, format="xlsx")
    assert refused.value.code == "CSD-0021"


def test_it_imports_the_german_texts() -> None:
    run_csv(
        "number;description;description_de;units;included_work_de;excluded_work_de\n"
        "11 42 000;Oil change;Ölwechsel;6;Öl ablassen;Teile\n"
    )
    version = LabourOperation.objects.get(number="11 42 000").current
    assert (
        version.text("description", "de"),
        version.text("included_work", "de"),
        version.text("excluded_work", "de"),
    ) == ("Ölwechsel", "Öl ablassen", "Teile")
