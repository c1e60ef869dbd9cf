"""The VIN rules: normalising, the VIN alphabet, the check digit, the brand from the WMI table."""

import pytest

from aftersales.vehicles.models import VehicleBrand, WorldManufacturerIdentifier
from aftersales.vehicles.vin import (
    brand_for_vin,
    check_digit,
    check_digit_warning,
    has_valid_check_digit,
    is_full_vin,
    is_north_american,
    is_short_vin,
    is_vin_alphabet,
    normalize_vin,
    with_check_digit,
    wmi_table,
)

WALKTHROUGH_VIN = "WBAUV71070A193748"


def test_it_trims_upper_cases_and_drops_spaces():
    assert normalize_vin("  wbauv710 70a193748\t") == WALKTHROUGH_VIN


def test_it_normalises_an_empty_input_to_an_empty_string():
    assert normalize_vin("   ") == ""


@pytest.mark.parametrize("letter", ["I", "O", "Q"])
def test_it_refuses_i_o_and_q(letter):
    vin = WALKTHROUGH_VIN[:5] + letter + WALKTHROUGH_VIN[6:]
    assert not is_vin_alphabet(vin)
    assert not is_full_vin(vin)


def test_it_accepts_seventeen_characters_of_the_vin_alphabet():
    assert is_full_vin(WALKTHROUGH_VIN)


@pytest.mark.parametrize("value", ["WBAUV71070A19374", "WBAUV71070A1937480", "WBAUV71070A19374-"])
def test_it_refuses_a_wrong_length_or_character(value):
    assert not is_full_vin(value)


def test_it_accepts_the_last_seven_characters():
    assert is_short_vin("0A193748"[1:])
    assert not is_short_vin("A19374")
    assert not is_short_vin("A1937O8")


def test_it_computes_the_check_digit_of_the_iso_3779_example():
    # The textbook example of 49 CFR 565: the remainder 10 is written "X".
    assert check_digit("1M8GDM9AXKP042788") == "X"
    assert has_valid_check_digit("1M8GDM9AXKP042788")


def test_it_computes_a_numeric_check_digit():
    assert check_digit("5UXWX7C5*BA000000".replace("*", "0")) == "7"
    assert with_check_digit("5UXWX7C50BA000000") == "5UXWX7C57BA000000"


def test_it_refuses_to_compute_the_check_digit_of_a_short_vin():
    with pytest.raises(ValueError):
        check_digit("A193748")


@pytest.mark.django_db
def test_it_takes_the_brand_from_the_wmi_table():
    assert brand_for_vin(WALKTHROUGH_VIN) == VehicleBrand.BMW
    assert brand_for_vin("WBS8M9C50J5K12345") == VehicleBrand.BMW_M
    assert brand_for_vin("WMWXU310X0TX12345") == VehicleBrand.MINI
    assert brand_for_vin("WB10A0100JZ123456") == VehicleBrand.BMW_MOTORRAD
    assert brand_for_vin("SCA665C50KUX12345") == VehicleBrand.ROLLS_ROYCE
    assert brand_for_vin("WBY7Z2C50JVE12345") == VehicleBrand.BMW_I


@pytest.mark.django_db
def test_it_knows_no_brand_for_an_unknown_maker():
    assert brand_for_vin("VF1AAAAA0A1234567") == ""


@pytest.mark.django_db
def test_it_reads_the_brand_from_data_that_the_operator_may_change():
    WorldManufacturerIdentifier.objects.create(wmi="WBW", brand=VehicleBrand.BMW_I)
    assert brand_for_vin("WBW00000000000000") == VehicleBrand.BMW_I
    assert wmi_table()["WBW"] == (VehicleBrand.BMW_I, False)


@pytest.mark.django_db
def test_it_marks_the_us_and_mexican_plants_as_north_american():
    assert is_north_american("5UXCR6C50KLL12345")
    assert is_north_american("3MW5R1J00M8B12345")
    assert not is_north_american(WALKTHROUGH_VIN)
    assert not is_north_american("LBV8P1100KMK12345")


@pytest.mark.django_db
def test_it_warns_about_a_wrong_check_digit_on_a_north_american_vin():
    vin = with_check_digit("5UXCR6C50KLL12345")
    wrong = vin[:8] + ("1" if vin[8] != "1" else "2") + vin[9:]
    warning = check_digit_warning(wrong)
    assert warning is not None
    assert vin[8] in warning
    assert check_digit_warning(vin) is None


@pytest.mark.django_db
def test_it_does_not_warn_about_a_european_vin_without_check_digit():
    # The walkthrough vehicle is European: no warning, whatever position 9 holds.
    assert check_digit(WALKTHROUGH_VIN) == "7"
    assert check_digit_warning(WALKTHROUGH_VIN) is None
