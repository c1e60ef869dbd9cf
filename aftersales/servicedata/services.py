"""Writes of Commercial Service Data: labour operations and their versions.

A change of what an operation says never edits a version: `labour_operation_change` writes the
next version and makes it current (nothing when the content is the same), so that an order line
priced with a version (its `reference`, LOV-000123) can always be read back. The imports go
through `labour_operation_upsert`, idempotent by number + validity.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from aftersales import clock
from aftersales.accounts.models import User
from aftersales.portal.errors import RuleViolation

from . import codes, rules
from .models import (
    LabourOperation,
    LabourOperationVersion,
    ServicePackage,
    clean_number,
    number_key,
)
from .rules import OperationContent

Outcome = Literal["created", "updated", "unchanged"]


@dataclass(frozen=True)
class ValidityData:
    brand: str = ""
    series: str = ""
    model_code: str = ""
    engine_type: str = ""
    produced_from: date | None = None
    produced_to: date | None = None

    def apply(self, operation: LabourOperation) -> None:
        for item in fields(self):
            setattr(operation, item.name, getattr(self, item.name))
        operation.normalise_validity()

    def key(self) -> str:
        probe = LabourOperation()
        self.apply(probe)
        return probe.validity_key


def _search_text(operation: LabourOperation, version: LabourOperationVersion) -> str:
    parts = [
        operation.number,
        operation.number_key,
        version.description,
        version.description_da,
        version.description_de,
    ]
    return " ".join(part for part in parts if part).lower()


def _content_of(version: LabourOperationVersion) -> OperationContent:
    return OperationContent(**{name: getattr(version, name) for name in OperationContent.FIELDS})


def _write_version(
    *,
    operation: LabourOperation,
    content: OperationContent,
    actor: User | None,
    source: str,
    now: datetime,
) -> LabourOperationVersion:
    last = operation.versions.aggregate(last=Max("version"))["last"] or 0
    version = LabourOperationVersion.objects.create(
        operation=operation,
        version=last + 1,
        source=source,
        created_at=now,
        created_by=actor,
        **content.as_dict(),
    )
    operation.current = version
    operation.search_text = _search_text(operation, version)
    operation.save(update_fields=["current", "search_text"])
    return version


@transaction.atomic
def labour_operation_create(
    *,
    number: str,
    validity: ValidityData,
    content: OperationContent,
    actor: User | None,
    source: str = LabourOperationVersion.Source.BACK_OFFICE,
    now: datetime | None = None,
) -> LabourOperation:
    """A new operation with its version 1; CSD-0011 when number + validity exist already."""
    now = now or clock.now()
    number = rules.require_number(number)
    rules.require_period(validity.produced_from, validity.produced_to)
    content = rules.clean_content(content)
    # One spelling per number: "1142000" joins the variants of "11 42 000" as "11 42 000".
    spelling = (
        LabourOperation.objects.filter(number_key=number_key(number))
        .values_list("number", flat=True)
        .first()
    )
    operation = LabourOperation(number=spelling or number, created_at=now)
    validity.apply(operation)
    try:
        with transaction.atomic():
            operation.save()
    except IntegrityError:
        raise RuleViolation(
            codes.OPERATION_EXISTS,
            _("Operation %(number)s already exists for this validity.") % {"number": number},
            field="number",
        ) from None
    _write_version(operation=operation, content=content, actor=actor, source=source, now=now)
    return operation


@transaction.atomic
def labour_operation_change(
    *,
    operation: LabourOperation,
    content: OperationContent,
    actor: User | None,
    source: str = LabourOperationVersion.Source.BACK_OFFICE,
    now: datetime | None = None,
) -> tuple[LabourOperationVersion, bool]:
    """Makes `content` the operation's current content: (the new version, True), or (the
    current version, False) when nothing changed. The operation row is locked so that two
    changes at once number their versions one after the other."""
    now = now or clock.now()
    content = rules.clean_content(content)
    # Lock the operation row only: `current` is nullable (an outer join), which PostgreSQL
    # cannot lock.
    locked = (
        LabourOperation.objects.select_for_update(of=("self",))
        .select_related("current")
        .get(pk=operation.pk)
    )
    if locked.current is not None and _content_of(locked.current) == content:
        return locked.current, False
    version = _write_version(operation=locked, content=content, actor=actor, source=source, now=now)
    operation.current, operation.search_text = version, locked.search_text
    return version, True


@transaction.atomic
def labour_operation_validity_change(
    *, operation: LabourOperation, validity: ValidityData
) -> LabourOperation:
    """Corrects which vehicles an operation applies to (the back office). Orders already
    priced keep their lines; CSD-0011 when another operation has this number and validity."""
    rules.require_period(validity.produced_from, validity.produced_to)
    validity.apply(operation)
    try:
        with transaction.atomic():
            operation.save()
    except IntegrityError:
        raise RuleViolation(
            codes.OPERATION_EXISTS,
            _("Operation %(number)s already exists for this validity.")
            % {"number": operation.number},
            field="series",
        ) from None
    return operation


def labour_operation_retire(
    *, operation: LabourOperation, retired: bool = True, now: datetime | None = None
) -> LabourOperation:
    """Withdraws an operation from the catalogue (or offers it again); it stays readable for
    the orders priced with it."""
    operation.retired_at = (now or clock.now()) if retired else None
    operation.save(update_fields=["retired_at"])
    return operation


@transaction.atomic
def labour_operation_upsert(
    *,
    number: str,
    validity: ValidityData,
    content: OperationContent,
    actor: User | None,
    source: str = LabourOperationVersion.Source.IMPORT,
    now: datetime | None = None,
) -> tuple[LabourOperation, Outcome]:
    """The import's write: created, a new version (updated), or unchanged, by number +
    validity. An import also offers a withdrawn operation again."""
    now = now or clock.now()
    key = number_key(rules.require_number(number))
    existing = (
        LabourOperation.objects.select_for_update()
        .filter(number_key=key, validity=validity.key())
        .first()
    )
    if existing is None:
        operation = labour_operation_create(
            number=clean_number(number),
            validity=validity,
            content=content,
            actor=actor,
            source=source,
            now=now,
        )
        return operation, "created"
    __, changed = labour_operation_change(
        operation=existing, content=content, actor=actor, source=source, now=now
    )
    if existing.retired_at is not None:
        labour_operation_retire(operation=existing, retired=False)
        changed = True
    return existing, "updated" if changed else "unchanged"


@transaction.atomic
def standard_package_upsert(
    *,
    number: str,
    name: str,
    name_da: str = "",
    name_de: str = "",
    units: Decimal,
    actor: User | None = None,
    source: str = LabourOperationVersion.Source.DEMO,
) -> ServicePackage:
    """A standard repair package of Service history (SRP) as it was before it became a package:
    one operation of the same number valid for every vehicle, with these units. Idempotent."""
    labour_operation_upsert(
        number=number,
        validity=ValidityData(),
        content=OperationContent(
            description=name, description_da=name_da, description_de=name_de, units=units
        ),
        actor=actor,
        source=source,
    )
    package, __ = ServicePackage.objects.update_or_create(
        number=clean_number(number),
        defaults={
            "name": name,
            "name_da": name_da,
            "name_de": name_de,
            "kind": ServicePackage.Kind.STANDARD,
        },
    )
    package.operations.update_or_create(
        operation_number=clean_number(number), defaults={"quantity": Decimal(1), "position": 1}
    )
    return package
