"""Technical campaigns' lines of an order: for each campaign carried out (a draft item of kind
CAMP), its labour line (the allowance in FRU at the workshop's rate) and one line per part.

Registered as the order pipeline's source of `LineKind.CAMPAIGN` (see apps.py). Every line
carries the campaign's number as its `reference`: storing the entry marks that campaign done
(services.completion_record). A campaign that is done or not applicable still shows its lines,
with the state in the "Service status" column, so that the workshop sees why storing refuses it.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from aftersales.accounts.vat import vat_rate
from aftersales.orders.lines import LineKind, OrderLine, Unit
from aftersales.orders.pricing import labour_price_per_fru_gross
from aftersales.orders.selectors import OrderContext

from .models import Campaign, CampaignPart
from .selectors import VISIBLE_STATES, State, VehicleCampaign, campaigns_for_vehicle


def _status(row: VehicleCampaign | None) -> tuple[str, str]:
    """(label, level) of the Service status column."""
    if row is None or row.state == State.NOT_APPLICABLE:
        return _("Not applicable"), "red"
    if row.state == State.DONE and row.completion is not None:
        return (
            _("Already done on %(date)s (%(workshop)s)")
            % {
                "date": row.completion.done_on.strftime("%d-%m-%Y"),
                "workshop": row.completion.organisation.name,
            },
            "red",
        )
    if row.campaign.do_not_drive:
        return _("Open · do not drive"), "red"
    return _("Open"), "yellow"


def _part_price_gross(part: CampaignPart, context: OrderContext) -> Decimal | None:
    if part.unit_price is None or context.organisation is None:
        return None
    return part.unit_price * (1 + vat_rate(context.organisation.country) / 100)


def campaign_lines(context: OrderContext) -> list[OrderLine]:
    numbers = [item.get("number", "") for item in context.draft.items_of(LineKind.CAMPAIGN)]
    if not numbers:
        return []
    campaigns = {
        c.number: c
        for c in Campaign.objects.filter(
            number__in=numbers, state__in=VISIBLE_STATES
        ).prefetch_related("parts")
    }
    states = {row.campaign.pk: row for row in campaigns_for_vehicle(vehicle=context.vehicle)}
    price_per_fru = labour_price_per_fru_gross(context.organisation)
    lines: list[OrderLine] = []
    for number in dict.fromkeys(numbers):
        campaign = campaigns.get(number)
        if campaign is None:
            continue  # unknown or a draft: the service refuses the item (SH-0080)
        label, level = _status(states.get(campaign.pk))
        title = campaign.text("title", context.language)
        if campaign.labour_allowance_fru:
            lines.append(
                OrderLine(
                    kind=LineKind.CAMPAIGN,
                    number=campaign.labour_operation_number or campaign.number,
                    description=_("Campaign %(number)s: %(title)s")
                    % {"number": campaign.number, "title": title},
                    quantity=Decimal(campaign.labour_allowance_fru),
                    unit=Unit.FRU,
                    unit_price_gross=price_per_fru,
                    service_status=label,
                    status_level=level,
                    reference=campaign.number,
                )
            )
        for part in campaign.parts.all():
            lines.append(
                OrderLine(
                    kind=LineKind.CAMPAIGN,
                    number=part.number,
                    description=part.localized_description(context.language),
                    quantity=part.quantity,
                    unit=Unit.LITRE if part.unit == CampaignPart.Unit.LITRE else Unit.PIECE,
                    unit_price_gross=_part_price_gross(part, context),
                    reference=campaign.number,
                )
            )
    return lines
