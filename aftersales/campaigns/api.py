"""Technical campaigns' routes of the API (mounted under /api/v1/ by the registry's line).

Carrying a campaign out has no route of its own: it goes through the service-entry endpoint
(`POST /vehicles/{vin}/service-entries` with `items: [{"kind": "CAMP", "number": ...}]`), the
same order pipeline and the same rules as the pages.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from django.utils import translation
from ninja import Field, Router, Schema

from aftersales.accounts.models import User
from aftersales.api.auth import require_application
from aftersales.api.common import VinPath, errors, resolve_vehicle

from .models import Campaign
from .selectors import (
    APPLICATION_SLUG,
    VehicleCampaign,
    campaign_get_published,
    campaigns_for_vehicle,
)

router = Router()


class CampaignPart(Schema):
    number: str
    description: str = Field(description="In the response language.")
    quantity: str = Field(description="Quantity per vehicle. Decimal string.")
    unit: str = Field(description="`pcs` or `l`.")


class CampaignSummary(Schema):
    number: str = Field(description="The campaign number; `items[].number` of a service entry.")
    kind: str = Field(description="`recall`, `service` (service campaign) or `information`.")
    title: str = Field(description="In the response language (English when there is none).")
    do_not_drive: bool = Field(description="The vehicle must not be driven until it is done.")
    start_date: date
    end_date: date | None = None


class Completion(Schema):
    done_on: date = Field(description="The maintenance date of the entry that did it.")
    workshop: str = Field(description="The workshop that carried it out.")
    entry_id: int | None = Field(
        None, description="The service entry that recorded it; only for the workshop itself."
    )
    entry_number: str | None = Field(None, description="Its number; only for the workshop.")


class VehicleCampaignOut(CampaignSummary):
    state: str = Field(description="`open`, `done` or `not_applicable` for this vehicle.")
    reason: str = Field("", description="Why the campaign is not applicable, if it is not.")
    can_carry_out: bool = Field(
        description="Open and with labour or parts: send it in `items` of a service entry."
    )
    done: Completion | None = None


class VehicleCampaigns(Schema):
    vin: str
    open: int = Field(description="How many campaigns are open (the banner's number).")
    campaigns: list[VehicleCampaignOut]


class CampaignDetail(CampaignSummary):
    state: str = Field(description="`published` or `withdrawn`.")
    component: str
    defect: str
    risk: str
    remedy: str
    labour_operation: str = Field(description="The labour operation number of the remedy.")
    labour_allowance_fru: int = Field(description="Flat-rate units (1 FRU = 5 minutes).")
    manufacturer_number: str = ""
    parts: list[CampaignPart]


def _summary(campaign: Campaign, language: str) -> dict[str, Any]:
    return {
        "number": campaign.number,
        "kind": campaign.kind,
        "title": campaign.text("title", language),
        "do_not_drive": campaign.do_not_drive,
        "start_date": campaign.start_date,
        "end_date": campaign.end_date,
    }


def _row_out(row: VehicleCampaign, *, actor: User, language: str) -> dict[str, Any]:
    done = None
    if row.completion is not None:
        own = row.completion.organisation_id == actor.organisation_id
        done = {
            "done_on": row.completion.done_on,
            "workshop": row.completion.organisation.name,
            "entry_id": row.completion.entry_id if own else None,
            "entry_number": row.completion.entry.number if own else None,
        }
    return {
        **_summary(row.campaign, language),
        "state": row.state,
        "reason": row.reason,
        "can_carry_out": row.is_open and row.campaign.has_work,
        "done": done,
    }


@router.get(
    "/vehicles/{vin}/campaigns",
    response={200: VehicleCampaigns, **errors(403, 404, 409, 503)},
    summary="Technical campaigns of a vehicle",
    description="Every published campaign that affects the vehicle (by its VIN list or by "
    "rule) and every campaign it had done, each with its state: `open`, `done` (when and by "
    "which workshop; the service entry only for that workshop) or `not_applicable` "
    "(withdrawn, not started, ended). Open ones first, do-not-drive first.",
    operation_id="vehicle_campaigns",
)
def vehicle_campaigns(request: HttpRequest, vin: VinPath) -> dict[str, Any]:
    user = require_application(request, APPLICATION_SLUG)
    vehicle = resolve_vehicle(vin)
    language = translation.get_language() or "en"
    rows = campaigns_for_vehicle(vehicle=vehicle)
    return {
        "vin": vehicle.vin,
        "open": sum(
            1 for row in rows if row.is_open and row.campaign.kind != Campaign.Kind.INFORMATION
        ),
        "campaigns": [_row_out(row, actor=user, language=language) for row in rows],
    }


@router.get(
    "/campaigns/{number}",
    response={200: CampaignDetail, **errors(403, 404, 503)},
    summary="A technical campaign",
    description="A published (or withdrawn) campaign with its texts in the response language, "
    "labour allowance and parts. Drafts and unknown numbers: 404 TC-0001.",
    operation_id="campaign_get",
)
def campaign_get(request: HttpRequest, number: str) -> dict[str, Any]:
    require_application(request, APPLICATION_SLUG)
    campaign = campaign_get_published(number=number)
    language = translation.get_language() or "en"
    return {
        **_summary(campaign, language),
        "state": campaign.state,
        "component": campaign.text("component", language),
        "defect": campaign.text("defect", language),
        "risk": campaign.text("risk", language),
        "remedy": campaign.text("remedy", language),
        "labour_operation": campaign.labour_operation_number,
        "labour_allowance_fru": campaign.labour_allowance_fru,
        "manufacturer_number": campaign.manufacturer_number,
        "parts": [
            {
                "number": part.number,
                "description": part.localized_description(language),
                "quantity": f"{part.quantity.normalize():f}",
                "unit": part.unit,
            }
            for part in campaign.parts.all()
        ],
    }
