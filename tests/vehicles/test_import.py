"""manage.py import_vehicles / services.vehicles_import: CSV and JSON Lines, batches, idempotency."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from aftersales.vehicles.models import MileageReading, Vehicle, VehicleCbsStatus, VehicleOption
from aftersales.vehicles.services import vehicles_import

from .factories import CbsPositionFactory, VehicleFactory, vin_for

pytestmark = pytest.mark.django_db

SAMPLES = Path(__file__).resolve().parents[2] / "aftersales" / "vehicles" / "samples"


@pytest.fixture(autouse=True)
def cbs_catalogue():
    for code in ("engine_oil", "brake_fluid", "vehicle_check", "final_drive_oil"):
        CbsPositionFactory(code=code)


def vehicle_line(**fields) -> dict:
    line = {
        "vin": vin_for(1),
        "model_designation": "320i",
        "model_code": "8E91",
        "series": "F30",
        "engine_type": "B48",
        "production_date": "2018-03-14",
        "mileage_km": 45000,
    }
    line.update(fields)
    return line


def jsonl(*lines) -> io.StringIO:
    return io.StringIO("".join((json.dumps(x) if isinstance(x, dict) else x) + "\n" for x in lines))


def run_import(stream, fmt="jsonl", **kwargs):
    return vehicles_import(stream=stream, fmt=fmt, **kwargs)


def test_it_imports_the_jsonl_sample_with_options_and_cbs_status():
    with (SAMPLES / "vehicles.jsonl").open() as stream:
        result = run_import(stream)
    assert (result.created, result.rejected) == (3, [])
    g20 = Vehicle.objects.get(vin="WBA5R11020FH12345")
    assert (g20.series, g20.engine_type, g20.brand, g20.mileage_km) == ("G20", "B48", "bmw", 48210)
    assert set(g20.options.values_list("code", "kind")) == {
        ("S2TB", "factory"),
        ("S494A", "factory"),
        ("6WD", "retrofit"),
    }
    assert g20.cbs_status.get(cbs_position__code="engine_oil").remaining_km == 11800
    assert Vehicle.objects.get(vin="WB10J4108LZ345678").brand == "bmw_motorrad"


def test_it_imports_the_csv_sample_with_options_and_cbs_status():
    with (SAMPLES / "vehicles.csv").open(newline="") as stream:
        result = run_import(stream, fmt="csv")
    assert (result.created, result.rejected) == (3, [])
    x5 = Vehicle.objects.get(vin="5UXCR6C01L9B45678")
    assert x5.lead_model == "CR61"
    assert x5.options.get(code="S5DF").description == "Active seat ventilation, front"
    status = x5.cbs_status.get(cbs_position__code="vehicle_check")
    assert (status.due_date.isoformat(), status.remaining_km) == ("2026-11-01", None)
    assert Vehicle.objects.get(vin="SCA665C02MUX56789").number_of_keys == 3


def test_it_stores_the_vin_normalised_with_its_last_seven():
    run_import(jsonl(vehicle_line(vin=" " + vin_for(7).lower() + " ")))
    vehicle = Vehicle.objects.get()
    assert (vehicle.vin, vehicle.vin7) == (vin_for(7), vin_for(7)[-7:])


def test_it_reports_bad_lines_with_their_numbers_and_goes_on():
    stream = jsonl(
        vehicle_line(vin=vin_for(1)),
        vehicle_line(vin="WBAUV71O70A193748"),  # line 2: O is not in the VIN alphabet
        "{not json",  # line 3
        vehicle_line(vin=vin_for(4), production_date="22-09-2008"),  # line 4
        vehicle_line(vin=vin_for(5), mileage_km="12a"),  # line 5
        "",  # line 6: blank, skipped
        vehicle_line(vin=vin_for(7), cbs_status=[{"position": "flux_capacitor"}]),  # line 7
        vehicle_line(vin=vin_for(8), colour="red"),  # line 8
        vehicle_line(vin=vin_for(9)),
    )
    result = run_import(stream, batch_size=2)
    assert result.created == 2
    rejected = {report.line: report.reason for report in result.rejected}
    assert sorted(rejected) == [2, 3, 4, 5, 7, 8]
    assert "not a VIN" in rejected[2]
    assert "not valid JSON" in rejected[3]
    assert "production_date" in rejected[4]
    assert "mileage_km" in rejected[5]
    assert "flux_capacitor" in rejected[7]
    assert "colour" in rejected[8]
    assert str(result.rejected[0]).startswith("line 2")


def test_it_reports_a_missing_required_field():
    line = vehicle_line()
    del line["series"]
    result = run_import(jsonl(line))
    assert [r.reason for r in result.rejected] == ["missing series"]


def test_it_reports_bad_csv_lines_by_their_line_in_the_file():
    csv_text = (
        "vin,model_designation,model_code,series,engine_type,production_date,mileage_km\n"
        f"{vin_for(1)},320i,8E91,F30,B48,2018-03-14,45000\n"
        f'{vin_for(2)},"320i\nTouring",8E91,F30,B48,2018-03-14,45000\n'  # lines 3-4
        f"{vin_for(3)},320i,8E91,F30,B48,2018-03-14,45 000\n"  # line 5
    )
    result = run_import(io.StringIO(csv_text), fmt="csv")
    assert result.created == 2
    assert [(r.line, r.vin) for r in result.rejected] == [(5, vin_for(3))]


def test_it_refuses_a_csv_with_an_unknown_column():
    from aftersales.vehicles.services import FormatError

    with pytest.raises(FormatError, match="colour"):
        run_import(io.StringIO("vin,colour\nX,red\n"), fmt="csv")


def test_it_is_idempotent_by_vin():
    with (SAMPLES / "vehicles.jsonl").open() as stream:
        run_import(stream)
    counts = (
        Vehicle.objects.count(),
        VehicleOption.objects.count(),
        VehicleCbsStatus.objects.count(),
    )
    option_ids = set(VehicleOption.objects.values_list("pk", flat=True))
    with (SAMPLES / "vehicles.jsonl").open() as stream:
        result = run_import(stream)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 3)
    assert counts == (
        Vehicle.objects.count(),
        VehicleOption.objects.count(),
        VehicleCbsStatus.objects.count(),
    )
    assert set(VehicleOption.objects.values_list("pk", flat=True)) == option_ids


def test_it_updates_a_known_vehicle_instead_of_duplicating_it():
    vehicle = VehicleFactory(vin=vin_for(1), color_code="300", mileage_km=1000)
    result = run_import(jsonl(vehicle_line(vin=vin_for(1), color_code="475", mileage_km=5000)))
    assert (result.created, result.updated) == (0, 1)
    vehicle.refresh_from_db()
    assert (vehicle.color_code, vehicle.mileage_km) == ("475", 5000)
    assert Vehicle.objects.count() == 1


def test_it_never_lowers_the_central_mileage():
    vehicle = VehicleFactory(vin=vin_for(1), mileage_km=90000)
    run_import(jsonl(vehicle_line(vin=vin_for(1), mileage_km=5000)))
    vehicle.refresh_from_db()
    assert vehicle.mileage_km == 90000


def test_it_replaces_options_when_the_line_gives_them_and_keeps_them_when_not():
    run_import(jsonl(vehicle_line(options=[{"code": "S494A", "description": "Seat heating"}])))
    run_import(jsonl(vehicle_line()))  # no options field: options stay
    assert list(VehicleOption.objects.values_list("code", flat=True)) == ["S494A"]
    run_import(
        jsonl(
            vehicle_line(
                options=[
                    {
                        "code": "6NH",
                        "description": "Navigation",
                        "kind": "retrofit",
                        "date": "2021-01-02",
                    }
                ]
            )
        )
    )
    assert list(VehicleOption.objects.values_list("code", "kind")) == [("6NH", "retrofit")]
    run_import(jsonl(vehicle_line(options=[])))
    assert not VehicleOption.objects.exists()


def test_it_sets_the_given_cbs_positions_and_keeps_the_others():
    run_import(
        jsonl(
            vehicle_line(
                cbs_status=[
                    {"position": "engine_oil", "due_date": "2026-01-01", "remaining_km": 1000},
                    {"position": "brake_fluid", "due_date": "2027-01-01"},
                ]
            )
        )
    )
    run_import(jsonl(vehicle_line(cbs_status=[{"position": "engine_oil", "remaining_km": -200}])))
    status = {
        s.cbs_position.code: s for s in VehicleCbsStatus.objects.select_related("cbs_position")
    }
    assert (status["engine_oil"].due_date, status["engine_oil"].remaining_km) == (None, -200)
    assert status["brake_fluid"].due_date.isoformat() == "2027-01-01"


def test_a_later_line_of_the_same_vin_wins():
    result = run_import(jsonl(vehicle_line(color_code="300"), vehicle_line(color_code="475")))
    assert result.rejected == []
    assert Vehicle.objects.get().color_code == "475"


def test_it_warns_about_a_wrong_north_american_check_digit_but_imports():
    good = vin_for(1, prefix="5UXCR6C00")
    wrong = good[:8] + ("1" if good[8] != "1" else "2") + good[9:]
    result = run_import(jsonl(vehicle_line(vin=wrong)))
    assert result.created == 1
    assert [w.line for w in result.warnings] == [1]


def test_it_writes_in_batches_with_a_constant_number_of_queries(django_assert_max_num_queries):
    lines = [
        vehicle_line(
            vin=vin_for(n),
            options=[{"code": "S494A", "description": "Seat heating"}],
            cbs_status=[{"position": "engine_oil", "remaining_km": n}],
        )
        for n in range(1, 201)
    ]
    # Per batch: read vehicles, insert, insert mileage readings, read options, insert options,
    # read CBS, insert CBS, plus savepoints; the 2 context reads once. 200 lines in 2 batches.
    with django_assert_max_num_queries(2 + 2 * 11):
        result = run_import(jsonl(*lines), batch_size=100, method="batches")
    assert result.created == 200
    assert VehicleOption.objects.count() == 200


def test_the_command_imports_a_file_and_prints_the_rejected_lines(tmp_path):
    path = tmp_path / "vehicles.jsonl"
    path.write_text(json.dumps(vehicle_line()) + "\n" + json.dumps(vehicle_line(vin="X")) + "\n")
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="1 line\\(s\\) rejected"):
        call_command("import_vehicles", str(path), "--no-progress", stdout=out, stderr=err)
    assert "1 created" in out.getvalue()
    assert "1 rejected" in out.getvalue()
    assert "rejected: line 2 (X): vin:" in err.getvalue()


def test_the_command_shows_a_progress_bar(tmp_path):
    path = tmp_path / "vehicles.csv"
    path.write_text((SAMPLES / "vehicles.csv").read_text())
    err = io.StringIO()
    call_command("import_vehicles", str(path), stdout=io.StringIO(), stderr=err)
    assert "4/4" in err.getvalue()
    assert Vehicle.objects.count() == 3


def test_the_command_refuses_a_file_of_unknown_format(tmp_path):
    path = tmp_path / "vehicles.txt"
    path.write_text("")
    with pytest.raises(CommandError, match="format"):
        call_command("import_vehicles", str(path), "--no-progress")


def test_it_refuses_a_mileage_no_road_vehicle_reaches():
    result = run_import(jsonl(vehicle_line(mileage_km=2_000_001)))
    assert [r.line for r in result.rejected] == [1]
    assert "mileage_km" in result.rejected[0].reason
    assert not Vehicle.objects.exists()


def test_it_keeps_each_lines_central_mileage_as_a_reading_once():
    line = vehicle_line(mileage_km=45000, mileage_recorded_on="2024-05-02")
    run_import(jsonl(line))
    run_import(jsonl(line))
    reading = MileageReading.objects.get()
    assert (reading.mileage_km, reading.source, reading.date_only) == (45000, "central_data", True)


def test_it_flags_a_lower_central_mileage_and_keeps_the_higher_one_central():
    run_import(jsonl(vehicle_line(mileage_km=45000, mileage_recorded_on="2024-05-02")))
    run_import(jsonl(vehicle_line(mileage_km=30000, mileage_recorded_on="2025-01-10")))
    vehicle = Vehicle.objects.get()
    assert vehicle.mileage_km == 45000
    lower = MileageReading.objects.get(mileage_km=30000)
    assert lower.lower_than is not None and lower.lower_than.mileage_km == 45000
