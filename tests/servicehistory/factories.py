"""Factories and the walkthrough's vehicle for the service history tests."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

import factory
from django.utils import timezone

from aftersales.accounts.models import User
from aftersales.orders.drafts import OrderDraft
from aftersales.servicehistory.models import ServiceEntry
from aftersales.servicehistory.services import service_entry_create
from aftersales.vehicles.models import CbsApplicability, CbsPosition, Vehicle

WALKTHROUGH_VIN = "WBAUV71070A193748"

# code, English name, interval months, interval km (the walkthrough's order)
CATALOGUE = [
    ("engine_oil", "Engine oil", 24, 30_000),
    ("front_brake", "Front Brake", None, 50_000),
    ("brake_fluid", "Brake fluid", 24, None),
    ("rear_brake", "Rear Brake", None, 60_000),
    ("vehicle_check", "Vehicle check", 24, 30_000),
    ("statutory_vehicle_inspection", "Statutory vehicle inspection", 24, None),
    ("statutory_emissions_test", "Statutory emissions test", 24, None),
    ("air_filter", "Air filter element", None, 60_000),
    ("spark_plugs", "Spark plugs", None, 60_000),
    ("microfilter", "Microfilter (consider further additional job(s) if appropriate)", 24, None),
]


def make_catalogue(series: str = "E91") -> dict[str, CbsPosition]:
    positions = {}
    for order, (code, name, months, km) in enumerate(CATALOGUE, start=1):
        position, _ = CbsPosition.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "position": order,
                "interval_months": months,
                "interval_km": km,
            },
        )
        CbsApplicability.objects.get_or_create(cbs_position=position, series=series)
        positions[code] = position
    return positions


class VehicleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vehicle
        django_get_or_create = ("vin",)

    vin = WALKTHROUGH_VIN
    brand = "bmw"
    model_designation = "335i"
    lead_model = "UV81"
    model_code = "UV81"
    series = "E91"
    engine_type = "N54"
    color_code = "475"
    color_name = "black-sapphire metallic"
    upholstery_code = "EBAT"
    upholstery_name = 'Cloth "Vertex/anthrazit"'
    gearbox_number = "0406545"
    engine_number = "05896959"
    production_date = datetime.date(2008, 9, 22)
    plant_integration_level = "E89X-08-09-520"
    mileage_km = 129_226
    mileage_recorded_on = datetime.date(2024, 5, 2)
    number_of_keys = 2
    key_system = "CAS"


class ServiceEntryFactory(factory.django.DjangoModelFactory):
    """A stored entry written directly (volume data for the history page)."""

    class Meta:
        model = ServiceEntry
        skip_postgeneration_save = True

    vehicle = factory.SubFactory(VehicleFactory)
    mileage_km = factory.Sequence(lambda n: 10_000 + n * 1_000)
    maintenance_date = factory.Sequence(
        lambda n: datetime.date(2011, 1, 1) + datetime.timedelta(days=30 * n)
    )
    comment = "Oil service."
    consent_given_at = factory.LazyFunction(timezone.now)
    created_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def positions(self, create, extracted, **kwargs):  # type: ignore[no-untyped-def]
        if create and extracted:
            self.positions.set(extracted)


def entry_create(
    *,
    actor: User,
    vehicle: Vehicle,
    mileage: str,
    maintenance_date: str,
    position_codes: Sequence[str],
    comment: str = "",
    consent: bool = True,
    ip_address: str | None = None,
    confirm_mileage_jump: bool = False,
    removed_lines: Sequence[str] = (),
    items: Sequence[dict[str, str]] = (),
    now: datetime.datetime | None = None,
) -> ServiceEntry:
    draft = OrderDraft(
        positions=list(position_codes),
        mileage=mileage,
        maintenance_date=maintenance_date,
        confirm_mileage_jump=confirm_mileage_jump,
        removed=list(removed_lines),
        comment=comment,
        items=list(items),
    )
    return service_entry_create(
        actor=actor,
        vehicle=vehicle,
        draft=draft,
        consent=consent,
        ip_address=ip_address,
        now=now,
    )
