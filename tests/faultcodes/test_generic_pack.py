"""The portal's pack of generic powertrain codes: built from the standard's structure, loaded
idempotently."""

from __future__ import annotations

import pytest

from aftersales.faultcodes import dtc, pack_import
from aftersales.faultcodes.data import build_generic_pack
from aftersales.faultcodes.models import FaultCode

pytestmark = pytest.mark.django_db


def test_it_ships_the_csv_the_builder_builds() -> None:
    assert pack_import.GENERIC_PACK.read_text(encoding="utf-8") == build_generic_pack.build()


def test_it_holds_a_few_hundred_generic_powertrain_codes(pack) -> None:
    codes = list(FaultCode.objects.values_list("code", flat=True))
    assert len(codes) > 300
    assert all(code.startswith("P0") and dtc.scope_of(code) == "generic" for code in codes)


def test_it_describes_each_cylinder_bank_and_sensor(pack) -> None:
    text = dict(FaultCode.objects.values_list("code", "description"))
    assert text["P0301"] == "Misfire in cylinder 1"
    assert text["P0312"] == "Misfire in cylinder 12"
    assert text["P0420"] == "Catalytic converter efficiency below the threshold (bank 1)"
    assert text["P0430"] == "Catalytic converter efficiency below the threshold (bank 2)"
    assert text["P0157"] == "Oxygen sensor (bank 2, sensor 2): voltage too low"
    assert text["P0171"] == "Mixture too lean (bank 1)"
    assert text["P0455"].startswith("Evaporative emission system: large leak")
    assert text["P0102"] == "Mass air flow sensor: signal too low"


def test_it_has_danish_descriptions_and_causes(pack) -> None:
    entry = FaultCode.objects.get(code="P0301", brand="")
    assert entry.description_da == "Fejltænding i cylinder 1"
    assert "Tændspole defekt" in entry.localized_causes("da")
    assert "Ignition coil faulty" in entry.localized_causes("en")


def test_it_has_german_descriptions_and_causes(pack) -> None:
    entry = FaultCode.objects.get(code="P0301", brand="")
    assert entry.description_de == "Zündaussetzer in Zylinder 1"
    assert "Zündspule defekt" in entry.localized_causes("de")
    assert FaultCode.objects.get(code="P0420", brand="").description_de == (
        "Wirkungsgrad des Katalysators unter dem Schwellenwert (Bank 1)"
    )
    assert not FaultCode.objects.filter(description_de="").exists()


def test_it_marks_engine_protection_codes_not_emission_relevant(pack) -> None:
    assert not FaultCode.objects.get(code="P0217").emission_relevant
    assert FaultCode.objects.get(code="P0420").emission_relevant


def test_it_loads_twice_without_changing_anything(pack) -> None:
    count = FaultCode.objects.count()
    result = pack_import.generic_pack_load()
    assert (result.created, result.updated, result.rejected_count) == (0, 0, 0)
    assert result.unchanged == count == FaultCode.objects.count()
