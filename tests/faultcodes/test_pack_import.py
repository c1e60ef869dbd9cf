"""Manufacturer packs: line-numbered rejects, idempotent by code and brand, file-level errors."""

from __future__ import annotations

import io

import pytest

from aftersales.faultcodes import pack_import
from aftersales.faultcodes.models import FaultCode
from aftersales.faultcodes.pack_import import FormatError, fault_codes_import

pytestmark = pytest.mark.django_db

HEADER = (
    "code,brand,description_en,description_da,emission_relevant,mil_relevant,possible_causes_en\n"
)


def run(text: str, **kwargs: object) -> pack_import.ImportResult:
    return fault_codes_import(stream=io.StringIO(text), **kwargs)  # type: ignore[arg-type]


def test_it_imports_a_brands_manufacturer_codes() -> None:
    result = run(HEADER + "p1a00,bmw,Example adjuster fault,Eksempel,yes,no,First | Second\n")
    entry = FaultCode.objects.get(code="P1A00", brand="bmw")
    assert result.created == 1
    assert (entry.scope, entry.system, entry.mil_relevant) == ("manufacturer", "P", False)
    assert entry.localized_causes("en") == ["First", "Second"]


def test_it_rejects_bad_lines_with_their_line_numbers_and_goes_on() -> None:
    text = (
        HEADER
        + "P1A00,bmw,Good line,,,,\n"  # line 2
        + "P1A01,,Manufacturer code without brand,,,,\n"  # line 3
        + "P0X01,,Not hexadecimal,,,,\n"  # line 4
        + "P1A02,audi,Brand of another portal,,,,\n"  # line 5
        + "P1A03,bmw,,,,,\n"  # line 6
        + "P1A04,bmw,Flag,,maybe,,\n"  # line 7
        + "P1A05,bmw,Another good line,,,,\n"  # line 8
    )
    result = run(text)
    assert result.created == 2
    assert [(r.line, r.reason[:7]) for r in result.rejected] == [
        (3, "FC-0003"),
        (4, "FC-0001"),
        (5, "FC-0004"),
        (6, "FC-0005"),
        (7, "FC-0007"),
    ]
    assert "not “X”" in result.rejected[1].reason or "“X”" in result.rejected[1].reason


def test_it_refuses_the_same_code_and_brand_twice_in_one_file() -> None:
    result = run(HEADER + "P1A00,bmw,First,,,,\nP1A00,bmw,Second,,,,\nP1A00,mini,Other brand,,,,\n")
    assert result.created == 2
    assert len(result.rejected) == 1
    assert result.rejected[0].line == 3
    assert "already on line 2" in result.rejected[0].reason


def test_it_updates_a_known_entry_and_leaves_an_equal_one_alone() -> None:
    run(HEADER + "P1A00,bmw,Old text,,,,\nP1A01,bmw,Same text,,,,\n")
    result = run(HEADER + "P1A00,bmw,New text,,,,\nP1A01,bmw,Same text,,,,\n")
    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)
    assert FaultCode.objects.get(code="P1A00").description == "New text"


def test_it_gives_lines_without_a_brand_the_files_brand() -> None:
    run(HEADER + "P1A00,,Fault,,,,\n", default_brand="mini")
    assert FaultCode.objects.get(code="P1A00").brand == "mini"


def test_it_keeps_a_brands_own_meaning_of_a_generic_code_beside_the_standards() -> None:
    run(HEADER + "P0420,,Standard,,,,\nP0420,bmw,BMW wording,,,,\n")
    assert list(FaultCode.objects.filter(code="P0420").values_list("brand", flat=True)) == [
        "",
        "bmw",
    ]


def test_it_stores_html_as_text() -> None:
    run(HEADER + 'P1A00,bmw,"<script>alert(1)</script>",,,,\n')
    assert FaultCode.objects.get(code="P1A00").description == "<script>alert(1)</script>"


def test_it_refuses_a_file_without_the_required_columns() -> None:
    with pytest.raises(FormatError, match="lacks the column"):
        run("vin,text\nX,Y\n")


def test_it_refuses_an_empty_file() -> None:
    with pytest.raises(FormatError, match="empty"):
        run("")


def test_it_refuses_a_file_that_is_not_utf8() -> None:
    stream = io.TextIOWrapper(io.BytesIO(HEADER.encode() + b"P1A00,bmw,\xff\xfe,,,,\n"), "utf-8")
    with pytest.raises(FormatError, match="not UTF-8"):
        fault_codes_import(stream=stream)
    assert not FaultCode.objects.exists()


def test_it_rejects_a_line_with_more_values_than_columns() -> None:
    result = run(HEADER + "P1A00,bmw,Text,,,,,extra,more\n")
    assert result.rejected[0].reason.startswith("FC-0032")


def test_it_tells_the_progress_after_each_batch() -> None:
    lines = "".join(f"P1{n:03X},bmw,Fault {n},,,,\n" for n in range(25))
    seen: list[int] = []
    fault_codes_import(stream=io.StringIO(HEADER + lines), batch_size=10, on_progress=seen.append)
    assert seen == [11, 21, 26]


def test_it_imports_the_german_description_and_causes() -> None:
    run(
        "code,brand,description_en,description_de,possible_causes_en,possible_causes_de\n"
        "P1A00,bmw,Adjuster fault,Versteller defekt,Valve | Wiring,Ventil | Kabel\n"
    )
    entry = FaultCode.objects.get(code="P1A00", brand="bmw")
    assert entry.localized_description("de") == "Versteller defekt"
    assert entry.localized_causes("de") == ["Ventil", "Kabel"]
