"""Factories for central vehicle data (other apps' tests may use them too)."""

from __future__ import annotations

import datetime

import factory

from aftersales.vehicles.models import (
    CbsApplicability,
    CbsPosition,
    Vehicle,
    VehicleCbsStatus,
    VehicleOption,
)
from aftersales.vehicles.vin import with_check_digit


def vin_for(serial: int, *, prefix: str = "WBA8E9107", plant: str = "K") -> str:
    """A well-formed VIN with a correct check digit: prefix (9) + year + plant + 6-digit serial."""
    return with_check_digit(f"{prefix}J{plant}{serial:06d}")


class VehicleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vehicle
        django_get_or_create = ("vin",)

    vin = factory.Sequence(lambda n: vin_for(100000 + n))
    brand = "bmw"
    model_designation = "320i"
    lead_model = "8E91"
    model_code = "8E91"
    series = "F30"
    engine_type = "B48"
    color_code = "475"
    color_name = "black-sapphire metallic"
    production_date = datetime.date(2018, 3, 14)
    mileage_km = 45000
    number_of_keys = 2
    key_system = "CAS"


class VehicleOptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VehicleOption

    vehicle = factory.SubFactory(VehicleFactory)
    code = factory.Sequence(lambda n: f"S{n:03d}A")
    description = "Option"


class CbsPositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CbsPosition
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"position_{n}")
    name = factory.LazyAttribute(lambda o: o.code.replace("_", " ").capitalize())
    position = factory.Sequence(lambda n: n)


class CbsApplicabilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CbsApplicability

    cbs_position = factory.SubFactory(CbsPositionFactory)
    series = "F30"
    engine_type = ""


class VehicleCbsStatusFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VehicleCbsStatus

    vehicle = factory.SubFactory(VehicleFactory)
    cbs_position = factory.SubFactory(CbsPositionFactory)
    due_date = datetime.date(2027, 5, 1)
    remaining_km = 12000
