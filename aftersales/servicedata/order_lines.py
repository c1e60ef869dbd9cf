"""Commercial Service Data's lines of an order (`LineKind.LABOUR`, registered in apps.py).

Draft items of kind LAB are either
- an operation: {"number": "11 42 000", "quantity": "1.5", "version": "123"}: the version the
  workshop added (pinned, so that the order keeps the price it was quoted with; the "Service
  status" column says when the catalogue has changed since). Without "version" (the API) the
  variant valid for the vehicle is taken with its current version;
- a service package: {"number": "SP-OIL-N54", "package": "1"}: one line per operation (the
  variant valid for the vehicle, current version) and per part or fluid; with a fixed price a
  first line carries that price and the others are included at 0.

Labour is counted in FRU of 5 minutes (the maker's units × the brand's unit length / 5) and
priced at the workshop's hourly rate with its country's VAT (orders.pricing). Every operation
line's `reference` is its version (LOV-000123): the stored entry keeps it; its `tools` are the
special tools the version names (Workshop equipment shows them under the order).
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from aftersales.accounts.vat import vat_rate
from aftersales.orders.lines import LineKind, OrderLine, Unit
from aftersales.orders.pricing import labour_price_per_fru_gross
from aftersales.orders.selectors import OrderContext
from aftersales.portal.errors import RuleViolation

from . import rules
from .models import LabourOperation, LabourOperationVersion, PackageMaterial, number_key
from .selectors import (
    PackageContent,
    operations_by_number,
    package_contents,
    packages_for_vehicle,
    unit_minutes,
    versions_get,
)

ZERO = Decimal("0")


def _quantity(raw: str | None) -> Decimal:
    try:
        return rules.parse_quantity(raw or "1")
    except RuleViolation:
        return Decimal(1)  # the pages and the API refuse a bad quantity before it gets here


def _net_to_gross(net: Decimal | None, context: OrderContext) -> Decimal | None:
    if net is None or context.organisation is None:
        return None
    return net * (1 + vat_rate(context.organisation.country) / 100)


def _operation_line(
    version: LabourOperationVersion,
    operation: LabourOperation,
    *,
    quantity: Decimal,
    minutes: Decimal,
    price_per_fru: Decimal | None,
    context: OrderContext,
    prefix: str = "",
    item: str = "",
) -> OrderLine:
    description = version.text("description", context.language)
    stale = operation.current_id is not None and operation.current_id != version.pk
    return OrderLine(
        kind=LineKind.LABOUR,
        number=operation.number,
        description=f"{prefix}: {description}"[:200] if prefix else description,
        quantity=rules.fru(version.units, unit_minutes=minutes, quantity=quantity),
        unit=Unit.FRU,
        unit_price_gross=price_per_fru,
        service_status=_("Catalogue changed since it was added") if stale else "",
        status_level="yellow" if stale else "",
        reference=version.reference,
        item=item,
        tools=list(version.tool_numbers),
    )


def _package_lines(
    content: PackageContent,
    *,
    minutes: Decimal,
    price_per_fru: Decimal | None,
    context: OrderContext,
) -> list[OrderLine]:
    package = content.package
    name = package.localized_name(context.language)
    fixed = package.fixed_price is not None
    lines: list[OrderLine] = []
    if fixed:
        lines.append(
            OrderLine(
                kind=LineKind.LABOUR,
                number=package.number,
                description=_("%(name)s (fixed price)") % {"name": name},
                quantity=Decimal(1),
                unit=Unit.PIECE,
                unit_price_gross=_net_to_gross(package.fixed_price, context),
                reference=package.number,
            )
        )
    for row, operation in content.operations:
        if operation is None or operation.current is None:
            continue  # no variant for this vehicle: the package page says so
        lines.append(
            _operation_line(
                operation.current,
                operation,
                quantity=row.quantity,
                minutes=minutes,
                price_per_fru=ZERO if fixed else price_per_fru,
                context=context,
                prefix=name,
                item=package.number,
            )
        )
    for material in package.materials.all():
        lines.append(
            OrderLine(
                kind=LineKind.LABOUR,
                number=material.number or package.number,
                description=f"{name}: {material.localized_description(context.language)}"[:200],
                quantity=material.quantity,
                unit=Unit.LITRE if material.unit == PackageMaterial.Unit.LITRE else Unit.PIECE,
                unit_price_gross=ZERO if fixed else _net_to_gross(material.unit_price, context),
                reference=package.number,
                item=package.number,
            )
        )
    return lines


def labour_lines(context: OrderContext) -> list[OrderLine]:
    items = context.draft.items_of(LineKind.LABOUR)
    if not items:
        return []
    vehicle = context.vehicle
    minutes = unit_minutes(brand=vehicle.brand)
    price_per_fru = labour_price_per_fru_gross(context.organisation)
    pinned = versions_get(
        pks=[int(i["version"]) for i in items if str(i.get("version", "")).isdigit()]
    )
    loose = [i["number"] for i in items if not i.get("version") and not i.get("package")]
    by_number = operations_by_number(vehicle=vehicle, numbers=loose) if loose else {}
    # A package by its flag (the pages), or a number no operation has (the API's items).
    package_numbers = {i.get("number", "") for i in items if i.get("package")}
    package_numbers |= {n for n in loose if number_key(n) not in by_number}
    contents: dict[str, PackageContent] = {}
    if package_numbers:
        wanted = {" ".join(n.split()).upper() for n in package_numbers}
        packages = [p for p in packages_for_vehicle(vehicle=vehicle) if p.number in wanted]
        for each in package_contents(vehicle=vehicle, packages=packages):
            contents[each.package.number] = each
    lines: list[OrderLine] = []
    for item in items:
        number = item.get("number", "")
        content = contents.get(" ".join(number.split()).upper())
        if content is not None and (item.get("package") or number_key(number) not in by_number):
            lines += _package_lines(
                content, minutes=minutes, price_per_fru=price_per_fru, context=context
            )
            continue
        if item.get("package"):
            continue  # not offered for this vehicle: storing refuses the item (SH-0080)
        version = (
            pinned.get(int(item["version"])) if str(item.get("version", "")).isdigit() else None
        )
        operation: LabourOperation | None = None
        if version is not None:
            operation = version.operation
        elif (found := by_number.get(number_key(number))) is not None:
            operation, version = found, found.current
        if operation is None or version is None or not operation.applies_to(vehicle):
            continue  # unknown or another vehicle's: storing refuses the item (SH-0080)
        lines.append(
            _operation_line(
                version,
                operation,
                quantity=_quantity(item.get("quantity")),
                minutes=minutes,
                price_per_fru=price_per_fru,
                context=context,
            )
        )
    return lines
