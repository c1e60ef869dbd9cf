"""The reads: history (newest first, versions, cut-off, constant queries), scoping, pending."""

from __future__ import annotations

import datetime
import decimal

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from aftersales import clock
from aftersales.accounts.models import Organisation
from aftersales.servicehistory.models import ServiceEntry
from aftersales.servicehistory.selectors import (
    details_attach,
    entries_pending_transfer,
    service_entry_get,
    service_history,
)
from aftersales.servicehistory.services import service_entry_cancel, service_entry_correct
from tests.campaigns.factories import make_campaign

from .factories import ServiceEntryFactory, entry_create

pytestmark = pytest.mark.django_db


def entry(owner, vehicle, catalogue, day: datetime.date, **fields):  # type: ignore[no-untyped-def]
    return ServiceEntryFactory(
        vehicle=vehicle,
        organisation=owner.organisation,
        created_by=owner,
        maintenance_date=day,
        positions=[catalogue["engine_oil"]],
        **fields,
    )


def test_it_lists_the_history_newest_first(owner, vehicle, catalogue) -> None:
    old = entry(owner, vehicle, catalogue, datetime.date(2012, 1, 5))
    new = entry(owner, vehicle, catalogue, datetime.date(2020, 3, 1))
    assert service_history(vehicle=vehicle) == [new, old]


def test_it_starts_the_history_at_the_cutoff(owner, vehicle, catalogue, settings) -> None:
    settings.SERVICE_HISTORY_CUTOFF = "2010-12-01"
    entry(owner, vehicle, catalogue, datetime.date(2010, 11, 30))
    kept = entry(owner, vehicle, catalogue, datetime.date(2010, 12, 1))
    assert service_history(vehicle=vehicle) == [kept]


def test_it_keeps_the_versions_of_a_correction_together(owner, vehicle, catalogue) -> None:
    first = entry(owner, vehicle, catalogue, datetime.date(2015, 1, 1))
    latest = entry(owner, vehicle, catalogue, datetime.date(2026, 1, 1))
    v2 = service_entry_correct(
        actor=owner, entry=latest, position_codes=["engine_oil"], comment="fixed", ip_address=None
    )
    history = service_history(vehicle=vehicle)
    assert history == [v2, latest, first]


def test_it_reads_the_history_in_a_constant_number_of_queries(owner, vehicle, catalogue) -> None:
    entry(owner, vehicle, catalogue, datetime.date(2012, 1, 5))
    with CaptureQueriesContext(connection) as few:
        [e.done_positions for e in service_history(vehicle=vehicle)]
    for n in range(20):
        entry(owner, vehicle, catalogue, datetime.date(2013, 1, 1) + datetime.timedelta(days=n))
    with CaptureQueriesContext(connection) as many:
        done = [e.done_positions for e in service_history(vehicle=vehicle)]
    assert len(done) == 21 and all(positions for positions in done)
    assert len(many) == len(few) <= 3


def test_it_gives_each_entry_its_positions_in_the_catalogue_order(
    owner, vehicle, catalogue
) -> None:
    codes = list(catalogue)
    oil = entry(owner, vehicle, catalogue, datetime.date(2012, 1, 5))
    several = ServiceEntryFactory(
        vehicle=vehicle,
        organisation=owner.organisation,
        created_by=owner,
        maintenance_date=datetime.date(2013, 1, 5),
        positions=[catalogue[codes[2]], catalogue[codes[0]], catalogue[codes[1]]],
    )
    done = {e.pk: [p.code for p in e.done_positions] for e in service_history(vehicle=vehicle)}
    assert done == {oil.pk: ["engine_oil"], several.pk: codes[:3]}
    [alone] = details_attach([ServiceEntry.objects.get(pk=several.pk)])
    assert [p.code for p in alone.done_positions] == codes[:3]


def test_it_lets_every_allowed_workshop_read_an_entry(
    owner, outsider, vehicle, catalogue, applications
) -> None:
    stored = entry(owner, vehicle, catalogue, datetime.date(2020, 1, 1))
    assert service_entry_get(actor=outsider, entry_id=stored.pk) == stored


def test_it_hides_entries_from_an_unverified_organisation(
    owner, outsider, vehicle, catalogue, applications
) -> None:
    stored = entry(owner, vehicle, catalogue, datetime.date(2020, 1, 1))
    Organisation.objects.filter(pk=outsider.organisation_id).update(status="pending")
    outsider.refresh_from_db()
    with pytest.raises(Http404):
        service_entry_get(actor=outsider, entry_id=stored.pk)


def test_it_lists_only_open_untransferred_entries_as_pending(owner, vehicle, catalogue) -> None:
    pending = entry(owner, vehicle, catalogue, datetime.date(2026, 11, 1))
    entry(
        owner,
        vehicle,
        catalogue,
        datetime.date(2026, 11, 2),
        transferred_at=datetime.datetime(2026, 11, 2, tzinfo=datetime.UTC),
        transfer_tool_id="t",
    )
    cancelled = entry(owner, vehicle, catalogue, datetime.date(2026, 11, 3))
    service_entry_cancel(actor=owner, entry=cancelled, reason="x", ip_address=None)
    assert entries_pending_transfer(vehicle=vehicle) == [pending]


def test_it_gives_each_entry_its_work_beyond_the_positions(owner, vehicle, catalogue) -> None:
    campaign = make_campaign()
    entry_create(
        actor=owner,
        vehicle=vehicle,
        mileage="130000",
        maintenance_date=clock.today().isoformat(),
        position_codes=["engine_oil"],
        items=[{"kind": "CAMP", "number": campaign.number}],
    )
    [stored] = service_history(vehicle=vehicle)
    assert stored.lines.filter(kind="SRP").exists()  # the position's own line is left out
    assert [line.kind for line in stored.other_work] == ["CAMP"]
    assert isinstance(stored.other_work[0].quantity, decimal.Decimal)


def test_it_brings_the_workshop_and_who_entered_without_more_queries(
    owner, vehicle, catalogue
) -> None:
    stored = entry(owner, vehicle, catalogue, datetime.date(2012, 1, 5))
    [read] = service_history(vehicle=vehicle, entered_by=True)
    with CaptureQueriesContext(connection) as queries:
        seen = (
            read.organisation.name,
            read.organisation.city,
            read.organisation.country,
            read.created_by.email,
            read.vehicle.vin,
        )
    assert len(queries) == 0
    assert seen == (
        owner.organisation.name,
        owner.organisation.city,
        owner.organisation.country,
        owner.email,
        vehicle.vin,
    )
    assert read.created_at == stored.created_at and read.created_at.tzinfo is not None


def test_it_asks_for_no_lines_when_no_entry_has_other_work(owner, vehicle, catalogue) -> None:
    entry(owner, vehicle, catalogue, datetime.date(2012, 1, 5))
    with CaptureQueriesContext(connection) as queries:
        [read] = service_history(vehicle=vehicle)
    assert read.other_work == [] and len(queries) == 2  # the entries, their positions
