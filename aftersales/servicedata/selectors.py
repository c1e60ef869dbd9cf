"""Reads of Commercial Service Data shared by the pages, the API, the order lines and the back
office; the scoping helpers for operations and packages reached by id or number.

The catalogue is the manufacturer's, not a workshop's: every workshop that may start the
application sees the same operations and packages; only those valid for the vehicle (series,
model, engine, production date) are offered for it, and withdrawn operations never are. The
query count of a search is fixed, whatever the size of the catalogue (one query for the
operations with their current version, one for the brand's unit length).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import F, Prefetch, Q, QuerySet, TextField
from django.db.models.functions import Cast
from django.utils.translation import gettext as _

from aftersales.portal.errors import RuleViolation
from aftersales.vehicles.models import Vehicle

from . import codes
from .models import (
    DEFAULT_UNIT_MINUTES,
    BrandUnit,
    LabourOperation,
    LabourOperationVersion,
    PackageMaterial,
    PackageOperation,
    ServicePackage,
    number_key,
    valid_for,
)

APPLICATION_SLUG = "commercial-service-data"
SEARCH_LIMIT = 50
MAX_SEARCH_WORDS = 6
NUMBER_QUERY_RE = re.compile(r"^[0-9][0-9 \-./]*$")


def unit_minutes(*, brand: str) -> Decimal:
    """How many minutes one of the brand's units is (5 when the operator set none)."""
    minutes = BrandUnit.objects.filter(brand=brand).values_list("minutes", flat=True).first()
    return minutes if minutes is not None else DEFAULT_UNIT_MINUTES


def _offered() -> QuerySet[LabourOperation]:
    return LabourOperation.objects.filter(retired_at__isnull=True, current__isnull=False)


def _search_filter(search: str) -> Q:
    """By number (digits: the number starts with them, spaces ignored) or by words (every word
    in the number or one of the descriptions)."""
    search = search.strip()
    if not search:
        return Q()
    if NUMBER_QUERY_RE.match(search):
        return Q(number_key__startswith=number_key(search))
    words = [word for word in search.lower().split() if word][:MAX_SEARCH_WORDS]
    condition = Q()
    for word in words:
        condition &= Q(search_text__contains=word)
    return condition


@dataclass(frozen=True)
class OperationSearch:
    operations: list[LabourOperation]  # with `current` loaded, by number
    more: bool  # more than SEARCH_LIMIT matched: the user should narrow the search
    search: str


def labour_operations_for_vehicle(
    *, vehicle: Vehicle, search: str = "", limit: int = SEARCH_LIMIT
) -> OperationSearch:
    """The operations valid for the vehicle that match the search, in one query."""
    rows = list(
        _offered()
        .filter(valid_for(vehicle) & _search_filter(search))
        .select_related("current")
        .order_by("number_key", "-produced_from", "id")[: limit + 1]
    )
    variants: dict[str, list[LabourOperation]] = {}
    for operation in rows[:limit]:
        variants.setdefault(operation.number_key, []).append(operation)
    operations = [op for ops in variants.values() if (op := best_variant(ops)) is not None]
    return OperationSearch(operations=operations, more=len(rows) > limit, search=search.strip())


def labour_operation_for_vehicle(*, vehicle: Vehicle, pk: int) -> LabourOperation:
    """The scoping helper of the pages: an operation that is offered and valid for the vehicle,
    else CSD-0001 (unknown, withdrawn) or CSD-0004 (another vehicle's)."""
    operation = _offered().select_related("current").filter(pk=pk).first()
    if operation is None:
        raise _operation_not_found(str(pk))
    if not operation.applies_to(vehicle):
        raise _not_valid(operation.number, vehicle)
    return operation


def _operation_not_found(number: str) -> RuleViolation:
    return RuleViolation(
        codes.OPERATION_NOT_FOUND,
        _("There is no labour operation %(number)s in the catalogue.") % {"number": number},
        field="number",
    )


def _not_valid(number: str, vehicle: Vehicle) -> RuleViolation:
    return RuleViolation(
        codes.NOT_VALID_FOR_VEHICLE,
        _("%(number)s does not apply to this vehicle (%(series)s / %(engine)s, built %(date)s).")
        % {
            "number": number,
            "series": vehicle.series,
            "engine": vehicle.engine_type,
            "date": vehicle.production_date.strftime("%d-%m-%Y"),
        },
        field="number",
    )


def best_variant(operations: Iterable[LabourOperation]) -> LabourOperation | None:
    """Of the variants of one number valid for a vehicle, the narrowest (then the newest)."""
    ranked = sorted(
        operations,
        key=lambda op: (op.specificity, op.produced_from or op.created_at.date(), op.pk),
    )
    return ranked[-1] if ranked else None


def operations_by_number(*, vehicle: Vehicle, numbers: Iterable[str]) -> dict[str, LabourOperation]:
    """number_key → the variant valid for the vehicle, for many numbers in one query."""
    keys = {number_key(number) for number in numbers}
    if not keys:
        return {}
    found: dict[str, list[LabourOperation]] = {}
    for operation in (
        _offered().filter(valid_for(vehicle), number_key__in=keys).select_related("current")
    ):
        found.setdefault(operation.number_key, []).append(operation)
    return {key: op for key, ops in found.items() if (op := best_variant(ops)) is not None}


def labour_operation_find(*, vehicle: Vehicle, number: str) -> LabourOperation:
    """The operation a number names for this vehicle (API items), else CSD-0001 / CSD-0004."""
    operation = operations_by_number(vehicle=vehicle, numbers=[number]).get(number_key(number))
    if operation is not None:
        return operation
    if _offered().filter(number_key=number_key(number)).exists():
        raise _not_valid(number, vehicle)
    raise _operation_not_found(number)


def labour_operation_variants(*, number: str) -> list[LabourOperation]:
    """Every offered variant of a number with its current version (API), else CSD-0001."""
    variants = list(
        _offered()
        .filter(number_key=number_key(number))
        .select_related("current")
        .order_by(F("produced_from").asc(nulls_first=True), "validity", "id")
    )
    if not variants:
        raise _operation_not_found(number)
    return variants


def operations_needing_tool(
    *, tool_number: str, limit: int = SEARCH_LIMIT
) -> list[LabourOperation]:
    """The offered operations whose current version names the special tool (Workshop
    equipment's tool page), by number, in one query. The list is matched as JSON text (the
    same on SQLite and PostgreSQL), the number as printed or without spaces."""
    printed = " ".join(tool_number.split()).upper()
    forms = {printed, number_key(printed)}
    condition = Q()
    for form in forms:
        condition |= Q(tools_text__contains=f'"{form}"')
    return list(
        _offered()
        .select_related("current")
        .annotate(tools_text=Cast("current__tool_numbers", TextField()))
        .filter(condition)
        .order_by("number_key", "validity")[:limit]
    )


def versions_get(*, pks: Iterable[int]) -> dict[int, LabourOperationVersion]:
    """Versions by id with their operation (the order lines of pinned items), one query."""
    return {
        version.pk: version
        for version in LabourOperationVersion.objects.filter(pk__in=set(pks)).select_related(
            "operation"
        )
    }


def _packages() -> QuerySet[ServicePackage]:
    return ServicePackage.objects.filter(
        active=True, kind=ServicePackage.Kind.SERVICE
    ).prefetch_related(
        Prefetch("operations", queryset=PackageOperation.objects.order_by("position", "id")),
        Prefetch("materials", queryset=PackageMaterial.objects.order_by("position", "id")),
    )


def packages_for_vehicle(*, vehicle: Vehicle) -> list[ServicePackage]:
    """The packages offered for the vehicle, with operations and materials (three queries)."""
    return list(_packages().filter(valid_for(vehicle)).order_by("number"))


def package_get(*, number: str) -> ServicePackage:
    package = _packages().filter(number=" ".join(number.split()).upper()).first()
    if package is None:
        raise RuleViolation(
            codes.PACKAGE_NOT_FOUND,
            _("There is no service package %(number)s.") % {"number": number},
            field="number",
        )
    return package


def package_for_vehicle(*, vehicle: Vehicle, number: str) -> ServicePackage:
    """The scoping helper for packages reached by number on a vehicle's pages."""
    package = package_get(number=number)
    if not package.applies_to(vehicle):
        raise _not_valid(package.number, vehicle)
    return package


@dataclass(frozen=True)
class PackageContent:
    package: ServicePackage
    operations: list[tuple[PackageOperation, LabourOperation | None]]  # None: none valid

    @property
    def missing(self) -> list[str]:
        return [row.operation_number for row, operation in self.operations if operation is None]

    def units_fru(self, unit_minutes: Decimal) -> Decimal:
        from .rules import fru

        return sum(
            (
                fru(op.current.units, unit_minutes=unit_minutes, quantity=row.quantity)
                for row, op in self.operations
                if op is not None and op.current is not None
            ),
            Decimal(0),
        )


def package_contents(
    *, vehicle: Vehicle, packages: Iterable[ServicePackage]
) -> list[PackageContent]:
    """Each package with the variant of each of its operations valid for the vehicle (one
    query for all of them)."""
    packages = list(packages)
    numbers = [row.operation_number for package in packages for row in package.operations.all()]
    found = operations_by_number(vehicle=vehicle, numbers=numbers)
    return [
        PackageContent(
            package=package,
            operations=[
                (row, found.get(number_key(row.operation_number)))
                for row in package.operations.all()
            ],
        )
        for package in packages
    ]
