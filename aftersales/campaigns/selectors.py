"""Reads of Technical campaigns shared by the pages, the API, the order lines, the notices and the
back office; the one scoping helper for campaigns reached by number (`campaign_get_published`).

Campaigns belong to the manufacturer, not to a workshop: every workshop that may start the
application sees the published ones; drafts exist only in the back office. Which workshop
carried a campaign out is part of the vehicle's history (like its service entries); the service
entry behind it is named to the workshop that stored it only.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db import connection
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from aftersales import clock
from aftersales.catalogue.access import application_access
from aftersales.catalogue.selectors import application_find
from aftersales.portal.errors import RuleViolation
from aftersales.vehicles.models import Vehicle

from . import codes
from .models import Campaign, CampaignCompletion, CampaignRule, CampaignVehicle

if TYPE_CHECKING:
    from aftersales.accounts.models import User

APPLICATION_SLUG = "technical-campaigns"

VISIBLE_STATES = (Campaign.State.PUBLISHED, Campaign.State.WITHDRAWN)


class State:
    """A campaign's state for one vehicle."""

    OPEN = "open"
    DONE = "done"
    NOT_APPLICABLE = "not_applicable"


@dataclass(frozen=True)
class VehicleCampaign:
    campaign: Campaign
    state: str
    completion: CampaignCompletion | None = None
    reason: str = ""  # why a campaign is not applicable, in the user's language

    @property
    def is_open(self) -> bool:
        return self.state == State.OPEN

    @property
    def state_label(self) -> str:
        return {
            State.OPEN: _("Open"),
            State.DONE: _("Done"),
            State.NOT_APPLICABLE: _("Not applicable"),
        }[self.state]


def may_use(user: User) -> bool:
    """Whether the user may start Technical campaigns (the catalogue's one decision)."""
    application = application_find(slug=APPLICATION_SLUG)
    return (
        application is not None and application_access(user=user, application=application).allowed
    )


# --- Which vehicles a campaign affects ----------------------------------------------------------


def _model_years(production_date: date) -> list[int]:
    """The model years a production date can belong to (see CampaignRule)."""
    year = production_date.year
    return [year, year + 1] if production_date.month >= 7 else [year]


def affecting_sql(vehicle: Vehicle) -> tuple[str, list[Any]]:
    """SQL that selects the ids of the campaigns affecting the vehicle: by its VIN list, or by a
    rule (CampaignRule) its central data match (an empty rule field matches any vehicle).

    Hand-written SQL because it runs with every vehicle screen's notices: Django took longer to
    build the ORM form of the eight conditions (2-3 ms) than the database took to run them.
    `vehicles_matching` is the same test turned round (tests compare the two)."""
    produced = vehicle.production_date
    years = _model_years(produced)
    sql = f"""
        SELECT campaign_id FROM {CampaignVehicle._meta.db_table} WHERE vehicle_id = %s
        UNION
        SELECT campaign_id FROM {CampaignRule._meta.db_table}
         WHERE series IN ('', %s) AND model_code IN ('', %s) AND engine_type IN ('', %s)
           AND make IN ('', %s) AND model IN ('', %s)
           AND (produced_from IS NULL OR produced_from <= %s)
           AND (produced_to IS NULL OR produced_to >= %s)
           AND (model_year IS NULL OR model_year IN (%s, %s))"""
    params = [
        vehicle.pk,
        vehicle.series.upper(),
        vehicle.model_code.upper(),
        vehicle.engine_type.upper(),
        vehicle.brand,
        vehicle.model_designation.upper(),
        produced,
        produced,
        years[0],
        years[-1],
    ]
    return sql, params


def affected_campaign_ids(vehicle: Vehicle) -> set[int]:
    """The ids of the campaigns that affect the vehicle (`affecting_sql`), whatever their state."""
    sql, params = affecting_sql(vehicle)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {campaign_id for (campaign_id,) in cursor.fetchall()}


def vehicles_matching(rule: CampaignRule) -> Q:
    """The vehicles (Vehicle) a rule matches: the same test as `affecting_sql`, turned round."""
    q = Q()
    for name in ("series", "model_code", "engine_type"):
        if getattr(rule, name):
            q &= Q(**{f"{name}__iexact": getattr(rule, name)})
    if rule.make:
        q &= Q(brand=rule.make)
    if rule.model:
        q &= Q(model_designation__iexact=rule.model)
    if rule.produced_from:
        q &= Q(production_date__gte=rule.produced_from)
    if rule.produced_to:
        q &= Q(production_date__lte=rule.produced_to)
    if rule.model_year:
        q &= Q(
            production_date__gte=date(rule.model_year - 1, 7, 1),
            production_date__lte=date(rule.model_year, 12, 31),
        )
    return q


def affected_vehicles(campaign: Campaign) -> QuerySet[Vehicle]:
    """Every vehicle the campaign affects: its VIN list and its rules (one query when read)."""
    q = Q(pk__in=CampaignVehicle.objects.filter(campaign=campaign).values("vehicle_id"))
    for rule in campaign.rules.all():
        q |= vehicles_matching(rule)
    return Vehicle.objects.filter(q)


def campaign_affects(campaign: Campaign, vehicle: Vehicle) -> bool:
    return campaign.pk in affected_campaign_ids(vehicle)


# --- A vehicle's campaigns ----------------------------------------------------------------------


def _not_applicable_reason(campaign: Campaign, today: date) -> str:
    if campaign.state == Campaign.State.WITHDRAWN:
        return _("The campaign was withdrawn.")
    if campaign.start_date > today:
        return _("The campaign starts on %(date)s.") % {"date": campaign.start_date.isoformat()}
    if campaign.end_date is not None and campaign.end_date < today:
        return _("The campaign ended on %(date)s.") % {"date": campaign.end_date.isoformat()}
    return ""


def vehicle_campaign_state(
    campaign: Campaign,
    *,
    affected: bool,
    completion: CampaignCompletion | None,
    today: date,
) -> VehicleCampaign:
    """The one rule of a campaign's state for a vehicle: done when a completion stands; else
    open when it affects the vehicle, is published and runs today; else not applicable."""
    if completion is not None:
        return VehicleCampaign(campaign, State.DONE, completion)
    if not affected:
        return VehicleCampaign(
            campaign, State.NOT_APPLICABLE, reason=_("The campaign does not affect this vehicle.")
        )
    reason = _not_applicable_reason(campaign, today)
    if reason:
        return VehicleCampaign(campaign, State.NOT_APPLICABLE, reason=reason)
    return VehicleCampaign(campaign, State.OPEN)


def _completions(vehicle: Vehicle) -> dict[int, CampaignCompletion]:
    # Uses campaign_done_vehicle_idx.
    return {
        completion.campaign_id: completion
        for completion in CampaignCompletion.objects.filter(
            vehicle=vehicle, reopened_at__isnull=True
        ).select_related("organisation", "entry")
    }


def campaigns_for_vehicle(*, vehicle: Vehicle, today: date | None = None) -> list[VehicleCampaign]:
    """Every published or withdrawn campaign that affects the vehicle, plus any it had done,
    each with its state: open ones first (do-not-drive first), then done, then not applicable.
    Three queries, however many campaigns there are."""
    today = today or clock.today()
    completions = _completions(vehicle)
    affected = affected_campaign_ids(vehicle)
    # Uses campaign_state_start_idx.
    campaigns = Campaign.objects.filter(
        state__in=VISIBLE_STATES, pk__in=affected | set(completions)
    ).order_by("-start_date", "number")
    rows = [
        vehicle_campaign_state(
            campaign,
            affected=campaign.pk in affected,
            completion=completions.get(campaign.pk),
            today=today,
        )
        for campaign in campaigns
    ]
    order = {State.OPEN: 0, State.DONE: 1, State.NOT_APPLICABLE: 2}
    rows.sort(key=lambda row: (order[row.state], not row.campaign.do_not_drive))
    return rows


def open_work_sql(vehicle: Vehicle, *, today: date) -> tuple[str, list[Any]]:
    """SQL of the campaigns open for the vehicle that carry work (not information campaigns):
    their number and do-not-drive flag, newest first.

    `vehicle_campaign_state`'s rule of "open" in one statement, for the notice above every
    vehicle screen, which `campaigns_for_vehicle` (three queries and a model per campaign) made
    the slowest part of the page. Tests hold the two alike."""
    affecting, params = affecting_sql(vehicle)
    sql = f"""
        SELECT c.number, c.do_not_drive FROM {Campaign._meta.db_table} c
         WHERE c.state = %s AND c.kind <> %s
           AND c.start_date <= %s AND (c.end_date IS NULL OR c.end_date >= %s)
           AND c.id IN ({affecting})
           AND NOT EXISTS (
               SELECT 1 FROM {CampaignCompletion._meta.db_table} d
                WHERE d.campaign_id = c.id AND d.vehicle_id = %s AND d.reopened_at IS NULL)
         ORDER BY c.start_date DESC, c.number"""
    state, kind = Campaign.State.PUBLISHED, Campaign.Kind.INFORMATION
    return sql, [state, kind, today, today, *params, vehicle.pk]


def open_work(*, vehicle: Vehicle, today: date | None = None) -> list[tuple[str, bool]]:
    """`open_work_sql`'s rows: (number, do_not_drive) of each open campaign carrying work."""
    sql, params = open_work_sql(vehicle, today=today or clock.today())
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [(number, bool(do_not_drive)) for number, do_not_drive in cursor.fetchall()]


def open_campaigns(*, vehicle: Vehicle, today: date | None = None) -> list[VehicleCampaign]:
    return [row for row in campaigns_for_vehicle(vehicle=vehicle, today=today) if row.is_open]


def campaign_get_published(*, number: str) -> Campaign:
    """A campaign by number as a workshop may see it: published or withdrawn, never a draft;
    RuleViolation TC-0001 (404) otherwise."""
    campaign = (
        Campaign.objects.filter(number=number.strip(), state__in=VISIBLE_STATES)
        .prefetch_related("parts")
        .first()
    )
    if campaign is None:
        raise RuleViolation(
            codes.CAMPAIGN_NOT_FOUND,
            _("There is no published campaign %(number)s.") % {"number": number.strip()[:20]},
        )
    return campaign


def campaign_for_vehicle(
    *, campaign: Campaign, vehicle: Vehicle, today: date | None = None
) -> VehicleCampaign:
    completion = (
        CampaignCompletion.objects.filter(
            campaign=campaign, vehicle=vehicle, reopened_at__isnull=True
        )
        .select_related("organisation", "entry")
        .first()
    )
    return vehicle_campaign_state(
        campaign,
        affected=campaign_affects(campaign, vehicle),
        completion=completion,
        today=today or clock.today(),
    )


# --- The operator's counts -----------------------------------------------------------------------


@dataclass(frozen=True)
class CampaignCounts:
    affected: int
    done: int

    @property
    def open(self) -> int:
        return max(0, self.affected - self.done)


def campaign_counts(campaigns: Iterable[Campaign]) -> dict[int, CampaignCounts]:
    """Affected, done and open vehicles per campaign. Done: one query for all (uses
    campaign_completion_once); affected: one COUNT per campaign over the vehicles its rules and
    VIN list select. Done counts only the affected vehicles that are done (a vehicle no longer
    affected after a rule changed still shows its completion on its own page)."""
    campaigns = list(campaigns)
    result: dict[int, CampaignCounts] = {}
    for campaign in campaigns:
        affected = affected_vehicles(campaign)
        done = CampaignCompletion.objects.filter(
            campaign=campaign, reopened_at__isnull=True, vehicle__in=affected.values("pk")
        ).count()
        result[campaign.pk] = CampaignCounts(affected=affected.count(), done=done)
    return result


def campaign_vehicle_rows(
    campaign: Campaign,
) -> Iterator[tuple[Vehicle, CampaignCompletion | None]]:
    """Each affected vehicle with its completion, by VIN, streamed in chunks (the CSV export)."""
    completions = {
        completion.vehicle_id: completion
        for completion in CampaignCompletion.objects.filter(
            campaign=campaign, reopened_at__isnull=True
        ).select_related("organisation", "entry")
    }
    for vehicle in affected_vehicles(campaign).order_by("vin").iterator(chunk_size=2000):
        yield vehicle, completions.get(vehicle.pk)
