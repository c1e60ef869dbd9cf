"""The catalogue import: CSV and JSON Lines, idempotent, line-numbered rejects, hotspots."""

from __future__ import annotations

import io
import json
from decimal import Decimal

import pytest

from aftersales.parts.imports.catalogue import catalogue_import
from aftersales.parts.models import Hotspot, Illustration, MainGroup, Part, PartUsage
from aftersales.portal.errors import RuleViolation

pytestmark = pytest.mark.django_db

HEADER = (
    "main_group;main_group_name;subgroup;subgroup_name;illustration;illustration_title;"
    "position;part_number;description;quantity;series;engine;options;hotspot_x;hotspot_y\n"
)
GOOD = (
    "11;Engine;11 42;Oil filter;11_4030;Oil filter with cover;1;11 42 7 953 129;Oil filter set;1;E91;N54;;40;50\n"
    "11;;11 42;;11_4030;;2;11427525334;O-ring;2;;;S205A;;\n"
)


def run(text: str, **kwargs):  # type: ignore[no-untyped-def]
    return catalogue_import(stream=io.BytesIO(text.encode()), **kwargs)


def test_it_creates_groups_illustrations_parts_and_rows() -> None:
    result = run(HEADER + GOOD)
    assert (result.created, result.rejected) == (2, [])
    assert MainGroup.objects.get().name == "Engine"
    row = PartUsage.objects.get(part__number="11427953129")
    assert (row.series, row.engine, row.quantity) == ("E91", "N54", Decimal("1"))
    assert PartUsage.objects.get(part__number="11427525334").options == "S205A"


def test_it_places_the_hotspots_given_with_a_row() -> None:
    run(HEADER + GOOD)
    hotspot = Hotspot.objects.get()
    assert (hotspot.position, hotspot.x, hotspot.y) == ("1", 40, 50)


def test_it_changes_nothing_when_the_same_file_comes_again() -> None:
    run(HEADER + GOOD)
    again = run(HEADER + GOOD)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert PartUsage.objects.count() == 2


def test_it_updates_a_changed_quantity() -> None:
    run(HEADER + GOOD)
    result = run(HEADER + GOOD.replace("O-ring;2", "O-ring;3"))
    assert result.updated == 1
    assert PartUsage.objects.get(part__number="11427525334").quantity == Decimal("3")


def test_it_updates_a_parts_description() -> None:
    run(HEADER + GOOD)
    run(HEADER + GOOD.replace("O-ring;", "O-ring 86x3;"))
    assert Part.objects.get(number="11427525334").description == "O-ring 86x3"


def test_it_rejects_bad_lines_with_their_number_and_goes_on() -> None:
    bad = (
        "11;;11 42;;11_4030;;3;not a number!;Clip;1;;;;;\n"
        "11;;11 42;;11_4030;;4;11427525335;Clip;0;;;;;\n"
        "11;;11 42;;11_4030;;5;11427525336;Clip;1;;;S205A ++;;\n"
        "11;;11 42;;11_4030;;6;11427525337;;1;;;;;\n"
        "12;;12 12;;12_0510;;1;12120037244;Spark plug;6;;;;;\n"
    )
    result = run(HEADER + GOOD + bad)
    assert result.created == 2
    assert [(r.line, r.reason[:25]) for r in result.rejected] == [
        (4, "“not a number!” is not a "),
        (5, "The quantity “0” is inval"),
        (6, "options: “++” is not an o"),
        (7, "Missing: description."),
        (8, "main_group_name is needed"),
    ]


def test_it_rejects_a_date_range_the_wrong_way_round() -> None:
    header = "main_group;main_group_name;subgroup;subgroup_name;illustration;illustration_title;position;part_number;description;quantity;produced_from;produced_until\n"
    line = "11;Engine;11 42;Oil;11_4030;Oil;1;11427953129;Filter;1;2010-01-01;2008-01-01\n"
    result = run(header + line)
    assert result.rejected[0].reason == "produced_from is after produced_until."


def test_it_refuses_an_illustration_moved_to_another_subgroup() -> None:
    run(HEADER + GOOD)
    moved = "11;;11 43;Other;11_4030;;7;11427525338;Clip;1;;;;;\n"
    result = run(HEADER + moved)
    assert "belongs to another subgroup" in result.rejected[0].reason


def test_it_reads_json_lines() -> None:
    first = {
        "main_group": "11",
        "main_group_name": "Engine",
        "subgroup": "11 42",
        "subgroup_name": "Oil filter",
        "illustration": "11_4030",
        "illustration_title": "Oil filter",
        "position": 1,
        "part_number": "11427953129",
        "description": "Oil filter set",
        "description_da": "Oliefiltersæt",
        "quantity": 1,
        "produced_from": "2007-03-01",
    }
    text = json.dumps(first) + "\n" + "[1, 2]\n"
    result = run(text)
    assert result.created == 1 and result.rejected[0].line == 2
    assert Part.objects.get().description_da == "Oliefiltersæt"


def test_it_refuses_a_header_without_the_required_columns() -> None:
    with pytest.raises(RuleViolation) as refused:
        run("part_number;description\n11427953129;Filter\n")
    assert refused.value.code == "EPC-0021" and "main_group" in refused.value.message


def test_it_refuses_a_binary_file() -> None:
    with pytest.raises(RuleViolation) as refused:
        catalogue_import(stream=io.BytesIO(b"\x89PNG\r\n\x1a\n\x00\x00"))
    assert refused.value.code == "EPC-0021"


def test_it_reports_progress_per_batch() -> None:
    lines = "".join(
        f"11;Engine;11 42;Oil;11_4030;Oil;{n};114275{n:05d};Clip;1;;;;;\n" for n in range(1, 8)
    )
    seen: list[int] = []
    run(HEADER + lines, on_progress=lambda _bytes, count: seen.append(count), batch_size=3)
    assert seen == [4, 7, 8]


def test_it_keeps_earlier_batches_when_a_later_one_fails(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from aftersales.parts.imports import catalogue

    calls = {"n": 0}
    original = catalogue._hotspots

    def fail_second(lines):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("disk full")
        original(lines)

    monkeypatch.setattr(catalogue, "_hotspots", fail_second)
    lines = "".join(
        f"11;Engine;11 42;Oil;11_4030;Oil;{n};114275{n:05d};Clip;1;;;;;\n" for n in range(1, 5)
    )
    with pytest.raises(RuntimeError):
        run(HEADER + lines, batch_size=2)
    assert PartUsage.objects.count() == 2 and Illustration.objects.count() == 1


def test_it_imports_the_german_names_description_and_note() -> None:
    run(
        "main_group;main_group_name;main_group_name_de;subgroup;subgroup_name;subgroup_name_de;"
        "illustration;illustration_title;illustration_title_de;position;part_number;description;"
        "description_de;quantity;note;note_de\n"
        "11;Engine;Motor;11 42;Oil filter;Ölfilter;11_4030;Oil filter with cover;Ölfilter mit "
        "Deckel;1;11427953129;Oil filter set;Ölfiltersatz;1;Replace;Ersetzen\n"
    )
    row = PartUsage.objects.select_related("part", "illustration__subgroup__main_group").get()
    illustration = row.illustration
    assert (
        illustration.subgroup.main_group.text("name", "de"),
        illustration.subgroup.text("name", "de"),
        illustration.text("title", "de"),
        row.part.text("description", "de"),
        row.text("note", "de"),
    ) == ("Motor", "Ölfilter", "Ölfilter mit Deckel", "Ölfiltersatz", "Ersetzen")


def test_it_updates_a_parts_german_description() -> None:
    run(HEADER + GOOD)
    run(
        "main_group;subgroup;illustration;position;part_number;description;description_de;"
        "quantity\n11;11 42;11_4030;1;11427953129;Oil filter set;Ölfiltersatz;1\n"
    )
    assert Part.objects.get(number="11427953129").description_de == "Ölfiltersatz"
