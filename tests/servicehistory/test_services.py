"""The writes of services.py: storing, correcting, cancelling, transfer; the order base."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from aftersales.accounts.models import User
from aftersales.orders.drafts import OrderDraft
from aftersales.orders.lines import OrderLine
from aftersales.orders.selectors import order_build
from aftersales.portal.errors import RuleViolation
from aftersales.servicehistory.models import AuditLogEntry, ServiceEntry
from aftersales.servicehistory.services import (
    service_entry_cancel,
    service_entry_check,
    service_entry_confirm_transfer,
    service_entry_correct,
)
from aftersales.vehicles.models import Vehicle, VehicleCbsStatus
from tests.servicehistory.factories import entry_create

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(datetime.datetime(2026, 11, 20, 10, 0))


def store(actor: User, vehicle: Vehicle, **overrides: object) -> ServiceEntry:
    data: dict[str, object] = {
        "actor": actor,
        "vehicle": vehicle,
        "mileage": "130000",
        "maintenance_date": "2026-11-20",
        "position_codes": ["engine_oil"],
        "comment": "Oil service.",
        "consent": True,
        "ip_address": "192.0.2.7",
        "now": NOW,
    }
    data.update(overrides)
    return entry_create(**data)  # type: ignore[arg-type]  # the overrides are the test's choice


def test_it_stores_an_entry_with_the_order_lines_and_consent(owner, vehicle) -> None:
    entry = store(owner, vehicle)
    assert entry.organisation == owner.organisation and entry.created_by == owner
    assert entry.mileage_km == 130_000 and entry.maintenance_date == datetime.date(2026, 11, 20)
    assert [p.code for p in entry.positions.all()] == ["engine_oil"]
    assert entry.consent_given_at == NOW and entry.transferred_at is None
    lines = [
        (x.kind, x.number, x.description, x.quantity, x.unit, x.gross_amount)
        for x in entry.lines.all()
    ]
    assert lines == [
        ("SRP", "00 00 610", "Engine oil", Decimal("3"), "FRU", Decimal("243.75")),
        ("SRP", "00 00 105", "Standard scope", Decimal("2"), "FRU", Decimal("162.50")),
    ]


def test_it_leaves_out_the_lines_removed_with_plus_minus(owner, vehicle) -> None:
    entry = store(owner, vehicle, removed_lines=["SRP:00 00 105"])
    assert [x.number for x in entry.lines.all()] == ["00 00 610"]


def test_it_raises_the_central_mileage_when_higher(owner, vehicle) -> None:
    store(owner, vehicle)
    vehicle.refresh_from_db()
    assert vehicle.mileage_km == 130_000
    assert vehicle.mileage_recorded_on == datetime.date(2026, 11, 20)


def test_it_keeps_the_central_mileage_when_equal(owner, vehicle) -> None:
    store(owner, vehicle, mileage="129226")
    vehicle.refresh_from_db()
    assert vehicle.mileage_recorded_on == datetime.date(2024, 5, 2)


def test_it_resets_the_cbs_status_of_the_positions_done(owner, vehicle, catalogue) -> None:
    store(owner, vehicle, position_codes=["engine_oil", "brake_fluid"])
    status = {s.cbs_position.code: s for s in VehicleCbsStatus.objects.filter(vehicle=vehicle)}
    assert status["engine_oil"].due_date == datetime.date(2028, 11, 20)
    assert status["engine_oil"].remaining_km == 30_000
    assert status["brake_fluid"].due_date == datetime.date(2028, 11, 20)
    assert status["brake_fluid"].remaining_km is None
    assert "front_brake" not in status


def test_it_stores_nothing_without_consent(owner, vehicle) -> None:
    with pytest.raises(RuleViolation) as error:
        store(owner, vehicle, consent=False)
    assert error.value.code == "SH-0030"
    assert not ServiceEntry.objects.exists()
    vehicle.refresh_from_db()
    assert vehicle.mileage_km == 129_226


def test_it_stores_nothing_with_a_mileage_of_letters(owner, vehicle) -> None:
    with pytest.raises(RuleViolation) as error:
        store(owner, vehicle, mileage="129a")
    assert error.value.code == "IPL-0051"
    assert not ServiceEntry.objects.exists()


def test_it_refuses_a_mileage_below_a_stored_entry(owner, vehicle) -> None:
    store(owner, vehicle, mileage="135000")
    with pytest.raises(RuleViolation) as error:
        store(owner, vehicle, mileage="134000")
    assert error.value.code == "SH-0003"
    assert "135,000 km" in error.value.message and "2026-11-20" in error.value.message


def test_it_ignores_cancelled_entries_for_the_mileage(owner, vehicle) -> None:
    wrong = store(owner, vehicle, mileage="139000", confirm_mileage_jump=True)
    service_entry_cancel(actor=owner, entry=wrong, reason="Typo", ip_address=None, now=NOW)
    vehicle.refresh_from_db()
    assert (vehicle.mileage_km, vehicle.mileage_recorded_on) == (129_226, datetime.date(2024, 5, 2))
    store(owner, vehicle, mileage="130000")


def test_it_stores_an_implausible_jump_only_when_confirmed(owner, vehicle) -> None:
    with pytest.raises(RuleViolation) as error:
        store(owner, vehicle, mileage="1900000")
    assert error.value.code == "SH-0004"
    entry = store(owner, vehicle, mileage="1900000", confirm_mileage_jump=True)
    assert entry.mileage_km == 1_900_000


def test_it_writes_the_audit_log_with_the_address(owner, vehicle) -> None:
    entry = store(owner, vehicle)
    log = AuditLogEntry.objects.get(entry=entry)
    assert (log.actor, log.action, log.ip_address) == (owner, "created", "192.0.2.7")
    assert log.organisation == owner.organisation and log.at == NOW


def test_it_never_changes_a_stored_entry(owner, vehicle) -> None:
    entry = store(owner, vehicle)
    entry.comment = "rewritten"
    with pytest.raises(ValueError):
        entry.save()
    with pytest.raises(ValueError):
        entry.delete()


def test_it_corrects_into_a_new_version_keeping_mileage_and_date(owner, teammate, vehicle) -> None:
    entry = store(owner, vehicle)
    later = NOW + datetime.timedelta(days=2)
    correction = service_entry_correct(
        actor=teammate,
        entry=entry,
        position_codes=["engine_oil", "microfilter"],
        comment="Microfilter too.",
        ip_address="192.0.2.8",
        now=later,
    )
    entry.refresh_from_db()
    assert entry.superseded_at == later and entry.comment == "Oil service."
    assert correction.original == entry and correction.version == 2
    assert correction.number == f"SH-{entry.pk:06d}/2"
    assert (correction.mileage_km, correction.maintenance_date) == (
        entry.mileage_km,
        entry.maintenance_date,
    )
    assert sorted(p.code for p in correction.positions.all()) == ["engine_oil", "microfilter"]
    assert AuditLogEntry.objects.filter(entry=correction, action="corrected").exists()


def test_it_lets_only_the_entering_organisation_correct(owner, outsider, vehicle) -> None:
    entry = store(owner, vehicle)
    with pytest.raises(RuleViolation) as error:
        service_entry_correct(
            actor=outsider,
            entry=entry,
            position_codes=["engine_oil"],
            comment="",
            ip_address=None,
            now=NOW,
        )
    assert error.value.code == "SH-0050" and error.value.status == 403


def test_it_refuses_a_correction_after_the_window(owner, vehicle, settings) -> None:
    settings.SERVICE_ENTRY_CORRECTION_DAYS = 7
    entry = store(owner, vehicle)
    with pytest.raises(RuleViolation) as error:
        service_entry_correct(
            actor=owner,
            entry=entry,
            position_codes=["engine_oil"],
            comment="",
            ip_address=None,
            now=NOW + datetime.timedelta(days=8),
        )
    assert error.value.code == "SH-0051"


def test_it_counts_the_window_from_the_first_version(owner, vehicle) -> None:
    entry = store(owner, vehicle)
    v2 = service_entry_correct(
        actor=owner,
        entry=entry,
        position_codes=["engine_oil"],
        comment="a",
        ip_address=None,
        now=NOW + datetime.timedelta(days=6),
    )
    with pytest.raises(RuleViolation) as error:
        service_entry_correct(
            actor=owner,
            entry=v2,
            position_codes=["engine_oil"],
            comment="b",
            ip_address=None,
            now=NOW + datetime.timedelta(days=8),
        )
    assert error.value.code == "SH-0051"


def test_it_refuses_to_correct_a_replaced_version(owner, vehicle) -> None:
    entry = store(owner, vehicle)
    service_entry_correct(
        actor=owner,
        entry=entry,
        position_codes=["engine_oil"],
        comment="a",
        ip_address=None,
        now=NOW,
    )
    entry.refresh_from_db()
    with pytest.raises(RuleViolation) as error:
        service_entry_cancel(actor=owner, entry=entry, reason="x", ip_address=None, now=NOW)
    assert error.value.code == "SH-0053"


def test_it_cancels_with_a_reason_and_keeps_the_entry(owner, vehicle) -> None:
    entry = store(owner, vehicle)
    cancelled = service_entry_cancel(
        actor=owner, entry=entry, reason="Wrong vehicle", ip_address="192.0.2.9", now=NOW
    )
    assert cancelled.cancelled_at == NOW and cancelled.cancellation_reason == "Wrong vehicle"
    assert cancelled.cancelled_by == owner and ServiceEntry.objects.count() == 1
    assert AuditLogEntry.objects.filter(
        entry=entry, action="cancelled", ip_address="192.0.2.9"
    ).exists()


def test_it_lets_only_the_entering_organisation_cancel(owner, outsider, vehicle) -> None:
    entry = store(owner, vehicle)
    with pytest.raises(RuleViolation) as error:
        service_entry_cancel(actor=outsider, entry=entry, reason="x", ip_address=None, now=NOW)
    assert error.value.code == "SH-0050"


def test_it_refuses_to_cancel_twice(owner, vehicle) -> None:
    entry = store(owner, vehicle)
    service_entry_cancel(actor=owner, entry=entry, reason="x", ip_address=None, now=NOW)
    with pytest.raises(RuleViolation) as error:
        service_entry_cancel(actor=owner, entry=entry, reason="y", ip_address=None, now=NOW)
    assert error.value.code == "SH-0052"


def test_it_confirms_a_transfer_idempotently(owner, vehicle) -> None:
    entry = store(owner, vehicle)
    at = NOW + datetime.timedelta(hours=1)
    first = service_entry_confirm_transfer(
        actor=owner, entry=entry, transferred_at=at, tool_id="ISTA 4.50"
    )
    again = service_entry_confirm_transfer(
        actor=owner, entry=entry, transferred_at=NOW, tool_id="other"
    )
    assert first.transferred_at == again.transferred_at == at
    assert again.transfer_tool_id == "ISTA 4.50"
    assert AuditLogEntry.objects.filter(entry=entry, action="transferred").count() == 1


def test_it_refuses_to_transfer_a_cancelled_entry(owner, vehicle) -> None:
    entry = store(owner, vehicle)
    service_entry_cancel(actor=owner, entry=entry, reason="x", ip_address=None, now=NOW)
    with pytest.raises(RuleViolation) as error:
        service_entry_confirm_transfer(actor=owner, entry=entry, transferred_at=NOW, tool_id="t")
    assert error.value.code == "SH-0052"


def order_lines(owner: User, vehicle: Vehicle, codes: list[str]) -> list[OrderLine]:
    draft = OrderDraft(positions=codes)
    return order_build(organisation=owner.organisation, vehicle=vehicle, draft=draft).lines


def test_it_lists_standard_scope_once_for_several_positions(owner, vehicle) -> None:
    lines = order_lines(owner, vehicle, ["engine_oil", "front_brake"])
    assert [x.number for x in lines] == ["00 00 610", "00 00 620", "00 00 105"]


def test_it_shows_the_position_status_on_its_own_line(owner, vehicle, catalogue) -> None:
    VehicleCbsStatus.objects.create(
        vehicle=vehicle,
        cbs_position=catalogue["engine_oil"],
        due_date=datetime.date(2020, 1, 1),
        remaining_km=-500,
    )
    oil, scope = order_lines(owner, vehicle, ["engine_oil"])
    assert (oil.service_status, oil.status_level) == ("Overdue", "red")
    assert oil.remaining == "2020-01-01 / -500 km"
    assert scope.service_status == "" and scope.remaining == ""


def test_it_shows_an_empty_price_without_a_labour_rate(owner, vehicle) -> None:
    owner.organisation.labour_rate_per_hour = None
    lines = order_lines(owner, vehicle, ["engine_oil"])
    assert [x.gross_amount for x in lines] == [None, None]


def test_it_reports_every_field_error_of_the_service_data_at_once(vehicle) -> None:
    draft = OrderDraft(mileage="129a", maintenance_date="20.11.2026", positions=[])
    checked, errors = service_entry_check(vehicle=vehicle, draft=draft)
    assert checked is None
    assert {(e.field, e.code) for e in errors} == {
        ("mileage", "IPL-0051"),
        ("maintenance_date", "SH-0010"),
        ("positions", "SH-0020"),
    }


def test_it_refuses_a_transfer_time_in_the_future(owner, vehicle) -> None:
    entry = store(owner, vehicle)
    with pytest.raises(RuleViolation) as error:
        service_entry_confirm_transfer(
            actor=owner,
            entry=entry,
            tool_id="ISTA",
            transferred_at=NOW + datetime.timedelta(days=1),
            now=NOW,
        )
    assert (error.value.code, error.value.field) == ("SH-0061", "transferred_at")


def test_it_refuses_a_transfer_time_before_the_entry_was_stored(owner, vehicle) -> None:
    entry = store(owner, vehicle)
    with pytest.raises(RuleViolation) as error:
        service_entry_confirm_transfer(
            actor=owner,
            entry=entry,
            tool_id="ISTA",
            transferred_at=entry.created_at - datetime.timedelta(hours=1),
            now=NOW,
        )
    assert error.value.code == "SH-0061"


def test_it_runs_the_service_data_rules_once_per_stored_entry(owner, vehicle, monkeypatch) -> None:
    from aftersales.servicehistory import rules

    calls: list[str] = []
    for name in ("parse_mileage", "parse_maintenance_date", "require_positions", "check_mileage"):
        original = getattr(rules, name)
        monkeypatch.setattr(
            rules, name, lambda *a, _f=original, _n=name, **k: calls.append(_n) or _f(*a, **k)
        )
    store(owner, vehicle)
    assert sorted(calls) == sorted(
        ["parse_mileage", "parse_maintenance_date", "require_positions", "check_mileage"]
    )


def test_it_raises_the_first_violation_of_the_check_when_storing(owner, vehicle) -> None:
    with pytest.raises(RuleViolation) as error:
        store(owner, vehicle, mileage="129a", maintenance_date="not a date")
    assert error.value.code == "IPL-0051"
    assert not ServiceEntry.objects.exists()


def test_it_keeps_lines_of_other_kinds_in_a_correction(owner, vehicle) -> None:
    from aftersales.servicehistory.models import ServiceEntryLine

    entry = store(owner, vehicle)
    ServiceEntryLine.objects.create(
        entry=entry,
        line_no=9,
        kind="CAMP",
        number="0011223300",
        description="Campaign work",
        quantity=Decimal("4"),
        unit="FRU",
        reference="0011223300",
    )
    correction = service_entry_correct(
        actor=owner,
        entry=entry,
        position_codes=["engine_oil", "brake_fluid"],
        comment="",
        ip_address=None,
        now=NOW,
    )
    kinds = [(line.kind, line.number) for line in correction.lines.all()]
    assert ("CAMP", "0011223300") in kinds and ("SRP", "00 00 630") in kinds
