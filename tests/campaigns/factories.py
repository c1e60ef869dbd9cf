"""Campaigns for the tests, built directly (the services are tested on their own)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from aftersales import clock
from aftersales.campaigns.models import Campaign, CampaignPart, CampaignRule, CampaignVehicle
from aftersales.vehicles.models import Vehicle


def make_campaign(
    number: str = "0013250800",
    *,
    state: str = Campaign.State.PUBLISHED,
    rules: list[dict[str, Any]] | None = None,
    vehicles: list[Vehicle] | None = None,
    parts: list[tuple[str, str, str, str]] | None = None,
    **fields: Any,
) -> Campaign:
    """A campaign; by default published, running since 30 days, 14 FRU, affecting the E91
    series by rule. `parts`: (number, description, quantity, net unit price)."""
    now = clock.now()
    defaults: dict[str, Any] = {
        "kind": Campaign.Kind.RECALL,
        "title": "High-pressure fuel pump",
        "title_da": "Højtrykspumpe",
        "component": "Fuel system",
        "defect": "The pump may lose pressure.",
        "risk": "Limp-home mode.",
        "remedy": "Replace the pump.",
        "start_date": clock.today() - datetime.timedelta(days=30),
        "labour_operation_number": "13 51 010",
        "labour_allowance_fru": 14,
    }
    defaults.update(fields)
    campaign = Campaign.objects.create(
        number=number,
        state=state,
        published_at=now if state != Campaign.State.DRAFT else None,
        withdrawn_at=now if state == Campaign.State.WITHDRAWN else None,
        **defaults,
    )
    for rule in [{"series": "E91"}] if rules is None else rules:
        CampaignRule.objects.create(campaign=campaign, **rule)
    for vehicle in vehicles or []:
        CampaignVehicle.objects.create(campaign=campaign, vehicle=vehicle)
    for position, (part_no, description, quantity, price) in enumerate(parts or [], start=1):
        CampaignPart.objects.create(
            campaign=campaign,
            number=part_no,
            description=description,
            quantity=Decimal(quantity),
            unit_price=Decimal(price),
            position=position,
        )
    return campaign


def other_vehicle(vin: str = "WBAPK31000A412307", **fields: Any) -> Vehicle:
    """Another vehicle (an E90 320d of 2010 unless told otherwise)."""
    values: dict[str, Any] = {
        "brand": "bmw",
        "model_designation": "320d",
        "lead_model": "PK31",
        "model_code": "PK31",
        "series": "E90",
        "engine_type": "N47",
        "production_date": datetime.date(2010, 5, 3),
        "mileage_km": 214_550,
    }
    values.update(fields)
    return Vehicle.objects.create(vin=vin, **values)
