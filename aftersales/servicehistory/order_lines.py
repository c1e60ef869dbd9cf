"""Service history's lines of an order: the SRP lines of the selected CBS positions.

Registered as the order pipeline's source of `LineKind.SRP` (see apps.py); the order itself is
built by `aftersales.orders.selectors.order_build`. A standard repair package is a package of
Commercial Service Data: its FRU are those of its operations for this vehicle (the variant valid
for its series, engine and production date, in the brand's units).
"""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count

from aftersales.orders.lines import LineKind, OrderLine, Unit
from aftersales.orders.pricing import labour_price_per_fru_gross
from aftersales.orders.selectors import OrderContext
from aftersales.servicedata.selectors import package_contents, unit_minutes
from aftersales.vehicles.selectors import cbs_positions_for, vehicle_cbs_status

from .cbs import cbs_state
from .models import PositionOperation


def srp_lines(context: OrderContext) -> list[OrderLine]:
    """Each labour operation the selected positions map to, once, in the order of the positions;
    an operation of one position shows that position's status, the Standard scope (mapped to
    many positions) shows none and comes last."""
    selected = set(context.draft.positions)
    if not selected:
        return []
    available = context.positions
    if available is None:
        available = cbs_positions_for(vehicle=context.vehicle)
    positions = [p for p in available if p.code in selected]
    status = context.cbs_status
    if status is None:
        status = vehicle_cbs_status(vehicle=context.vehicle)
    mapping = list(
        PositionOperation.objects.filter(cbs_position__in=positions)
        .select_related("labour_operation")
        .prefetch_related("labour_operation__operations")
        .order_by("position", "labour_operation__number")
    )
    by_position: dict[int, list[PositionOperation]] = {}
    for row in mapping:
        by_position.setdefault(row.cbs_position_id, []).append(row)
    positions_per_operation = dict(
        PositionOperation.objects.filter(
            labour_operation__in={row.labour_operation_id for row in mapping}
        )
        .values_list("labour_operation")
        .annotate(n=Count("id"))
    )
    price_per_fru = labour_price_per_fru_gross(context.organisation)
    minutes = unit_minutes(brand=context.vehicle.brand)
    packages = {row.labour_operation_id: row.labour_operation for row in mapping}
    contents = package_contents(vehicle=context.vehicle, packages=packages.values())
    fru = {content.package.pk: content.units_fru(minutes) for content in contents}
    own: dict[str, OrderLine] = {}
    shared: dict[str, OrderLine] = {}
    for position in positions:
        for row in by_position.get(position.pk, []):
            operation = row.labour_operation
            quantity = fru.get(operation.pk, Decimal(0))
            if operation.number in own or operation.number in shared or not quantity:
                continue  # listed already, or none of its operations is valid for the vehicle
            is_own = positions_per_operation.get(operation.pk) == 1
            state = cbs_state(status.get(position.pk), today=context.today) if is_own else None
            (own if is_own else shared)[operation.number] = OrderLine(
                kind=LineKind.SRP,
                number=operation.number,
                description=operation.localized_description(context.language),
                # "3 FRU", as before SRPs became packages, not "3.00 FRU".
                quantity=Decimal(int(quantity)) if quantity == int(quantity) else quantity,
                unit=Unit.FRU,
                unit_price_gross=price_per_fru,
                service_status=state.label if state else "",
                remaining=state.remaining if state else "",
                status_level=state.level if state else "",
                position_code=position.code if is_own else None,
            )
    return [*own.values(), *shared.values()]
