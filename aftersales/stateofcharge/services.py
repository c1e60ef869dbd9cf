"""Writes of State of charge: record a battery reading (tool or form), issue a battery health
certificate (through aftersales.certificates: one verification mechanism for every kind)."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from aftersales import clock
from aftersales.accounts.models import User
from aftersales.catalogue.membership import require_verified_member
from aftersales.certificates.models import Certificate
from aftersales.certificates.services import certificate_create
from aftersales.portal.errors import RuleViolation
from aftersales.tools.models import ToolSession
from aftersales.vehicles.models import Vehicle
from aftersales.vehicles.services import mileage_reading_record

from . import certificate, codes, rules
from .models import BatteryReading
from .selectors import battery_type_for, readings_of


@transaction.atomic
def battery_reading_record(
    *,
    actor: User,
    vehicle: Vehicle,
    reading: rules.ReadingIn,
    session: ToolSession | None = None,
    source: str = BatteryReading.Source.FORM,
    now: datetime | None = None,
) -> BatteryReading:
    """Stores a plausible reading (rules.check_reading); from the tool when `session` is given
    (its tool and version are recorded), else as `source` (typed, or a workshop system)."""
    organisation = require_verified_member(actor)
    km = rules.check_reading(reading, battery=battery_type_for(vehicle), now=now or clock.now())
    stored = BatteryReading.objects.create(
        vehicle=vehicle,
        organisation=organisation,
        recorded_by=actor,
        source=BatteryReading.Source.TOOL if session else source,
        tool_session=session,
        tool=session.tool_label if session else reading.tool.strip()[:100],
        read_at=rules.reading_time(reading.read_at),
        mileage_km=km,
        soc_percent=reading.soc_percent,
        soh_percent=reading.soh_percent,
        usable_capacity_kwh=reading.usable_capacity_kwh,
        cycle_count=reading.cycle_count,
        cell_voltage_spread_mv=reading.cell_voltage_spread_mv,
        temperature_c=reading.temperature_c,
        created_at=now or clock.now(),
    )
    # The odometer evidence (issue 13): a lower mileage than before is flagged, never dropped.
    mileage_reading_record(
        vehicle=vehicle,
        mileage=km,
        source="battery",
        read_at=stored.read_at,
        reference=f"battery:{stored.pk}",
        now=now,
    )
    return stored


@transaction.atomic
def battery_certificate_issue(
    *, actor: User, vehicle: Vehicle, now: datetime | None = None
) -> Certificate:
    """A battery health certificate of the vehicle's latest reading and trend (SOC-0007 without
    a reading). A newer one supersedes it on the verify page."""
    readings = readings_of(vehicle)
    battery = battery_type_for(vehicle)
    if not readings or battery is None:
        raise RuleViolation(
            codes.NO_READING, _("A battery health certificate needs a reading of the vehicle.")
        )
    snapshot = certificate.snapshot_build(
        vehicle=vehicle, battery=battery, readings=readings, issuer=require_verified_member(actor)
    )
    return certificate_create(
        actor=actor,
        vehicle=vehicle,
        kind=certificate.KIND,
        snapshot=snapshot,
        now=now,
    )
