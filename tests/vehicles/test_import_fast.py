"""The import's fast path for CSV reads the same rows and accepts only what parse_record accepts,
as the very same record; everything else it leaves to parse_record (so rejects keep its words)."""

from __future__ import annotations

import io

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from aftersales.vehicles.import_fast import FastChecker, KnownFingerprints, csv_rows, raw_of
from aftersales.vehicles.import_format import LineError, parse_record, read_lines

from .factories import vin_for

WMI = {"WBA": ("bmw", False), "5UX": ("bmw", True), "WMW": ("mini", False)}
POSITIONS = {"engine_oil": 1, "brake_fluid": 2, "vehicle_check": 3}
HEADER = [
    "vin",
    "model_designation",
    "model_code",
    "lead_model",
    "series",
    "engine_type",
    "brand",
    "color_code",
    "color_name",
    "production_date",
    "first_registration_date",
    "mileage_km",
    "mileage_recorded_on",
    "number_of_keys",
    "options",
    "cbs_status",
]
GOOD = [
    vin_for(1),
    "320i",
    "8E91",
    "",
    "F30",
    "B48",
    "",
    "475",
    "black-sapphire metallic",
    "2018-03-14",
    "2018-05-01",
    "40000",
    "2025-05-02",
    "",
    "S494A;factory;;Seat heating|6NH;retrofit;2021-01-02;Navigation",
    "engine_oil;2026-06-01;12000|brake_fluid;2027-01-01;",
]
# Values each cell may take instead: good ones, unusual but good ones, and bad ones.
VARIANTS: dict[str, list[str]] = {
    "vin": [
        vin_for(2),
        " " + vin_for(3).lower() + " ",
        "WBAUV71O70A193748",
        "5UXCR6C09J0K00050",
        "5UXCR6C00J0K00050",
        "",
        "WBA",
    ],
    "model_designation": ["", "  ", "x" * 61, "X5 xDrive30d", "3\x00"],
    "model_code": ["", "12345678901", " UV81 "],
    "lead_model": ["UV81", "12345678901"],
    "brand": ["mini", "bmw_m", "volvo", " mini "],
    "color_code": ["", "12345678901", "\u00e9"],
    "production_date": [
        "",
        "2018-02-30",
        "14.03.2018",
        " 2018-03-14 ",
        "2018-3-14",
        "２０18-03-14",
    ],
    "first_registration_date": ["", "2017-01-01", "2018-03-14", "bad"],
    "mileage_km": ["", "0", "2000000", "2000001", "-5", "45 000", "12a", "٣", "00012"],
    "mileage_recorded_on": ["", "2025-13-01"],
    "number_of_keys": ["0", "3", "32767", "32768", "-1", " 2 "],
    "options": [
        "",
        "|",
        "S1;factory;;A|S1;factory;;B",
        "s337a;Factory;;M sport package",
        "S1;;;Desc",
        "S1;factory;;",
        "S1;factory",
        "S1",
        "S1;other;;Desc",
        "S1; factory ;;Desc",
        "S1;factory;2020-02-30;Desc",
        "S1;factory; 2020-01-02 ;Desc",
        "S1;factory;;Desc;with;semicolons",
        "12345678901;factory;;Desc",
        ";factory;;Desc",
        " S1 ;retrofit;;  Desc  ",
    ],
    "cbs_status": [
        "",
        "engine_oil;;",
        "engine_oil",
        "engine_oil;2026-01-01;-300",
        "engine_oil;2026-01-01;- 3",
        "engine_oil;2026-01-01;-",
        "engine_oil;2026-01-01; 12 ",
        "engine_oil;2026-01-01;+5",
        "engine_oil;2026-01-01;2000001",
        "engine_oil;2026-01-01;-2000000",
        "engine_oil;;;",
        "flux_capacitor;;",
        " engine_oil ;;5",
        "engine_oil;;1|engine_oil;;2",
        "engine_oil;x;",
    ],
}


def parsed(raw: dict | LineError) -> object:
    if isinstance(raw, LineError):
        return raw
    try:
        return parse_record(raw, wmi=WMI, positions=POSITIONS)
    except LineError as error:
        return error


@st.composite
def rows(draw: st.DrawFn) -> list[str]:
    cells = list(GOOD)
    for index, name in enumerate(HEADER):
        if name in VARIANTS and draw(st.booleans()):
            cells[index] = draw(st.sampled_from(VARIANTS[name]))
    if draw(st.integers(0, 9)) == 0:
        cells = cells[: draw(st.integers(1, len(cells) + 1))] + draw(
            st.lists(st.sampled_from(["", "x"]), max_size=1)
        )
    return cells


def test_the_fast_path_accepts_the_usual_line():
    record = FastChecker(HEADER, wmi=WMI, positions=POSITIONS).record(list(GOOD))
    assert record is not None
    assert record == parsed(raw_of(HEADER, list(GOOD)))


@settings(max_examples=1500, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(rows())
@example(list(GOOD))
def test_what_the_fast_path_accepts_parse_record_accepts_as_the_same_record(cells):
    fast = FastChecker(HEADER, wmi=WMI, positions=POSITIONS).record(cells)
    slow = parsed(raw_of(HEADER, cells))
    if fast is not None:
        assert fast == slow


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("vin", vin_for(2)),
        ("vin", "5UXCR6C09J0K00050"),  # North American, wrong check digit: a warning
        ("brand", "mini"),
        ("options", "S1;factory;;A|S1;factory;;B"),
        ("options", "S1;;;Desc"),
        ("options", ""),
        ("cbs_status", "engine_oil;2026-01-01;-300"),
        ("cbs_status", ""),
        ("mileage_km", ""),
        ("number_of_keys", "0"),
        ("first_registration_date", ""),
    ],
)
def test_the_fast_path_takes_good_variations_itself(name, value):
    cells = list(GOOD)
    cells[HEADER.index(name)] = value
    fast = FastChecker(HEADER, wmi=WMI, positions=POSITIONS).record(cells)
    assert fast is not None
    assert fast == parsed(raw_of(HEADER, cells))


CSV_TEXT = st.lists(st.text(alphabet='ab,;"|\n\r \x00', max_size=12), min_size=0, max_size=8).map(
    lambda lines: "vin,series,options\n" + "\n".join(lines)
)


@settings(max_examples=1500, deadline=None)
@given(CSV_TEXT)
@example('vin,series,options\nA,1\n\nB,2\n"C\nx",3\r\nD,4\n')
def test_csv_rows_reads_the_rows_and_line_numbers_read_lines_reads(text):
    def slow() -> list[object]:
        try:
            return [
                (n, str(r) if isinstance(r, LineError) else r)
                for n, r in read_lines(io.StringIO(text, newline=""), "csv")
            ]
        except Exception as error:  # csv.Error: the same one both ways
            return [type(error).__name__]

    def fast() -> list[object]:
        try:
            header, _text, found = csv_rows(io.StringIO(text, newline=""))
            out: list[object] = []
            for number, cells, _raw in found:
                raw = raw_of(header, cells)
                out.append((number, str(raw) if isinstance(raw, LineError) else raw))
            return out
        except Exception as error:
            return [type(error).__name__]

    assert fast() == slow()


def test_csv_rows_gives_each_record_its_text():
    text = 'vin,series\nA,1\n\n"B\nb",2\r\nC,3'
    header, header_text, found = csv_rows(io.StringIO(text, newline=""))
    assert (header, header_text) == (["vin", "series"], "vin,series\n")
    assert [(n, raw) for n, _cells, raw in found] == [(2, "A,1\n"), (4, '"B\nb",2\r\n'), (6, "C,3")]


@given(
    st.lists(st.binary(min_size=16, max_size=16), max_size=50), st.binary(min_size=16, max_size=16)
)
def test_known_fingerprints_finds_exactly_what_was_added(added, other):
    # Shared first halves, as a set of many would have now and then.
    added += [added[0][:8] + other[8:]] if added else []
    known = KnownFingerprints()
    for fingerprint in sorted(set(added)):
        known.add(fingerprint)
    assert len(known) == len(set(added))
    assert all(fingerprint in known for fingerprint in added)
    assert (other in known) == (other in added)
