"""Writes of Technical campaigns: publishing and withdrawing (the back office), and recording a
campaign done when the service entry that carried it out is stored (reopened when it is
cancelled). The imports live in `imports/`.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from aftersales import clock
from aftersales.orders.lines import LineKind, OrderLine
from aftersales.portal.errors import RuleViolation

from . import codes
from .models import Campaign, CampaignCompletion
from .selectors import VISIBLE_STATES, State, campaign_for_vehicle

if TYPE_CHECKING:
    from aftersales.servicehistory.models import ServiceEntry


def _refuse_publishing(message: str) -> RuleViolation:
    return RuleViolation(codes.NOT_PUBLISHABLE, message)


@transaction.atomic
def campaign_publish(*, campaign: Campaign, now: datetime | None = None) -> Campaign:
    """A draft (or a withdrawn campaign) becomes visible to every workshop. A campaign without
    labour or parts (an information, or a recall whose remedy is not ready) is shown but
    cannot be carried out until the operator adds them."""
    now = now or clock.now()
    locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if locked.state == Campaign.State.PUBLISHED:
        raise _refuse_publishing(
            _("Campaign %(number)s is already published.") % {"number": locked.number}
        )
    if not locked.title.strip():
        raise _refuse_publishing(
            _("Campaign %(number)s needs a title before it is published.")
            % {"number": locked.number}
        )
    if not (locked.listed.exists() or locked.rules.exists()):
        raise _refuse_publishing(
            _(
                "Campaign %(number)s affects no vehicle yet: import a VIN list or add a rule "
                "before publishing it."
            )
            % {"number": locked.number}
        )
    locked.state, locked.published_at, locked.updated_at = Campaign.State.PUBLISHED, now, now
    locked.save(update_fields=["state", "published_at", "updated_at"])
    return locked


@transaction.atomic
def campaign_withdraw(*, campaign: Campaign, now: datetime | None = None) -> Campaign:
    """A published campaign no longer applies: workshops see it as "not applicable"; what was
    done stays done."""
    now = now or clock.now()
    locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if locked.state != Campaign.State.PUBLISHED:
        raise RuleViolation(
            codes.NOT_WITHDRAWABLE,
            _("Campaign %(number)s is not published, so it cannot be withdrawn.")
            % {"number": locked.number},
        )
    locked.state, locked.withdrawn_at, locked.updated_at = Campaign.State.WITHDRAWN, now, now
    locked.save(update_fields=["state", "withdrawn_at", "updated_at"])
    return locked


def _already_done(campaign: Campaign, completion: CampaignCompletion) -> RuleViolation:
    return RuleViolation(
        codes.ALREADY_DONE,
        _(
            "Campaign %(number)s was already carried out on this vehicle on %(date)s by "
            "%(workshop)s. Please take its lines off the order."
        )
        % {
            "number": campaign.number,
            "date": completion.done_on.strftime("%d-%m-%Y"),
            "workshop": completion.organisation.name,
        },
        extra={
            "campaign": campaign.number,
            "done_on": completion.done_on.isoformat(),
            "workshop": completion.organisation.name,
        },
    )


def completion_record(
    *, entry: ServiceEntry, lines: list[OrderLine], now: datetime | None = None
) -> list[CampaignCompletion]:
    """Marks each campaign whose lines the stored entry carries as done for its vehicle.

    Runs inside the transaction that stores the entry (servicehistory's `entry_stored`): a
    refusal stores nothing. A campaign done already, or not applicable, is refused with
    TC-0002 / TC-0003. Two workshops storing at the same moment: the partial unique
    constraint `campaign_completion_once` lets one completion stand; the other gets TC-0002.
    """
    now = now or clock.now()
    numbers = list(
        dict.fromkeys(
            line.reference
            for line in lines
            if line.kind == LineKind.CAMPAIGN and line.reference and not line.removed
        )
    )
    if not numbers:
        return []  # most entries carry no campaign: no savepoint for them
    return _completions_record(entry=entry, numbers=numbers, now=now)


@transaction.atomic
def _completions_record(
    *, entry: ServiceEntry, numbers: list[str], now: datetime
) -> list[CampaignCompletion]:
    today = timezone.localdate(now)
    campaigns = {
        c.number: c for c in Campaign.objects.filter(number__in=numbers, state__in=VISIBLE_STATES)
    }
    recorded = []
    for number in numbers:
        campaign = campaigns.get(number)
        if campaign is None:  # withdrawn into a draft meanwhile: nothing the workshop can do
            raise RuleViolation(
                codes.NOT_APPLICABLE,
                _("Campaign %(number)s is not published.") % {"number": number},
            )
        row = campaign_for_vehicle(campaign=campaign, vehicle=entry.vehicle, today=today)
        if row.state == State.DONE and row.completion is not None:
            raise _already_done(campaign, row.completion)
        if row.state == State.NOT_APPLICABLE:
            raise RuleViolation(
                codes.NOT_APPLICABLE,
                _("Campaign %(number)s does not apply to this vehicle: %(reason)s")
                % {"number": campaign.number, "reason": row.reason},
                extra={"campaign": campaign.number},
            )
        try:
            with transaction.atomic():  # a savepoint: the entry's transaction goes on
                completion = CampaignCompletion.objects.create(
                    campaign=campaign,
                    vehicle=entry.vehicle,
                    entry=entry,
                    organisation=entry.organisation,
                    done_on=entry.maintenance_date,
                    recorded_at=now,
                )
        except IntegrityError:
            winner = CampaignCompletion.objects.select_related("organisation").get(
                campaign=campaign, vehicle=entry.vehicle, reopened_at__isnull=True
            )
            raise _already_done(campaign, winner) from None
        recorded.append(completion)
    return recorded


@transaction.atomic
def completion_reopen(*, entry: ServiceEntry, now: datetime | None = None) -> int:
    """The entry was cancelled: the campaigns it recorded are open again for the vehicle. The
    completion stays, marked reopened (who cancelled, when). Returns how many were reopened."""
    now = now or clock.now()
    # Uses campaign_done_entry_idx. A completion points at the entry that stored it
    # (version 1); a cancelled correction cancels the whole chain.
    return CampaignCompletion.objects.filter(
        entry_id=entry.original_id or entry.pk, reopened_at__isnull=True
    ).update(reopened_at=now, reopened_by=entry.cancelled_by)
