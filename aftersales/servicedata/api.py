"""Commercial Service Data's routes of the API (mounted under /api/v1/ by the registry's line).

Putting operations or packages on an order has no route of its own: they go into `items` of the
service-entry endpoint (`POST /vehicles/{vin}/service-entries` with
`{"kind": "LAB", "number": "11 42 000", "quantity": "1.5"}` or a package's number), the same
order pipeline and the same rules as the pages.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.utils import translation
from ninja import Field, Query, Router, Schema

from aftersales.api.auth import require_application
from aftersales.api.common import VinPath, errors, resolve_vehicle
from aftersales.api.text import Text
from aftersales.orders.pricing import labour_price_per_fru_gross
from aftersales.portal.money import to_cent

from . import rules
from .models import LabourOperation, ServicePackage, Validity
from .selectors import (
    APPLICATION_SLUG,
    labour_operation_variants,
    labour_operations_for_vehicle,
    package_contents,
    package_get,
    packages_for_vehicle,
    unit_minutes,
)

router = Router()


class ValidityOut(Schema):
    brand: str = Field(description="Brand key (`bmw`, `mini`, ...); empty: every brand.")
    series: str = Field(description="e.g. `E91`; empty: every series.")
    model_code: str = Field(description="e.g. `UV81`; empty: every model.")
    engine_type: str = Field(description="e.g. `N54`; empty: every engine.")
    produced_from: date | None = Field(None, description="Built on or after; null: no limit.")
    produced_to: date | None = Field(None, description="Built on or before; null: no limit.")


class LabourOperationOut(Schema):
    number: str = Field(description="The operation number; `items[].number` of an entry.")
    description: str = Field(description="In the response language (English when none).")
    units: Decimal = Field(description="The maker's flat-rate units. Decimal string.")
    fru: Decimal = Field(description="Units in FRU of 5 minutes for this vehicle's brand.")
    price_gross: Decimal | None = Field(
        None, description="fru × your labour rate per FRU incl. VAT; null without a labour rate."
    )
    version: int = Field(description="The current version of the operation's content.")
    reference: str = Field(description="Names the version on a stored line, e.g. `LOV-000123`.")
    valid_for: ValidityOut


class VehicleLabourOperations(Schema):
    vin: str
    search: str = Field(description="The search as applied.")
    unit_minutes: Decimal = Field(description="Minutes per unit of the vehicle's brand.")
    more: bool = Field(description="More operations match than are listed: narrow the search.")
    operations: list[LabourOperationOut]


class VersionOut(Schema):
    version: int
    reference: str
    valid_from: datetime
    description: str
    units: Decimal
    included_work: str
    excluded_work: str
    tool_numbers: list[str] = Field(description="Special tools the operation needs, by number.")


class LabourOperationVariant(Schema):
    valid_for: ValidityOut
    current: VersionOut


class LabourOperationDetail(Schema):
    number: str
    variants: list[LabourOperationVariant] = Field(
        description="One per validity: the same number may have other units per series/engine."
    )


class PackageOperationOut(Schema):
    number: str
    quantity: Decimal
    description: str | None = Field(
        None,
        description="The variant valid for the vehicle (vehicle route only); null when none is "
        "valid, and always on /service-packages/{number}.",
    )
    fru: Decimal | None = Field(None, description="Its FRU for the vehicle; null as above.")


class PackageMaterialOut(Schema):
    number: str
    description: str
    quantity: Decimal
    unit: str = Field(description="`pcs` or `l`.")


class ServicePackageOut(Schema):
    number: str = Field(description="The package number; `items[].number` of an entry.")
    name: str
    fixed_price_net: Decimal | None = Field(None, description="Without VAT; null: no fixed price.")
    valid_for: ValidityOut
    operations: list[PackageOperationOut]
    materials: list[PackageMaterialOut]


class VehicleServicePackages(Schema):
    vin: str
    packages: list[ServicePackageOut]


def _validity(record: Validity) -> dict[str, Any]:
    return {
        "brand": record.brand,
        "series": record.series,
        "model_code": record.model_code,
        "engine_type": record.engine_type,
        "produced_from": record.produced_from,
        "produced_to": record.produced_to,
    }


def _version(operation: LabourOperation, language: str) -> dict[str, Any]:
    version = operation.current
    assert version is not None
    return {
        "version": version.version,
        "reference": version.reference,
        "valid_from": version.created_at,
        "description": version.text("description", language),
        "units": version.units,
        "included_work": version.text("included_work", language),
        "excluded_work": version.text("excluded_work", language),
        "tool_numbers": list(version.tool_numbers),
    }


def _package(
    package: ServicePackage,
    language: str,
    operations: list[tuple[str, Decimal, LabourOperation | None]],
    minutes: Decimal | None,
) -> dict[str, Any]:
    return {
        "number": package.number,
        "name": package.localized_name(language),
        "fixed_price_net": package.fixed_price,
        "valid_for": _validity(package),
        "operations": [
            {
                "number": number,
                "quantity": quantity,
                "description": op.current.text("description", language)
                if op is not None and op.current is not None
                else None,
                "fru": rules.fru(op.current.units, unit_minutes=minutes, quantity=quantity)
                if op is not None and op.current is not None and minutes is not None
                else None,
            }
            for number, quantity, op in operations
        ],
        "materials": [
            {
                "number": material.number,
                "description": material.localized_description(language),
                "quantity": material.quantity,
                "unit": material.unit,
            }
            for material in package.materials.all()
        ],
    }


class SearchQuery(Schema):
    search: Text = Field(
        "",
        max_length=100,
        description="Digits: operation numbers starting with them (spaces ignored); words: "
        "operations whose number or description holds every word. Empty: all.",
    )


@router.get(
    "/vehicles/{vin}/labour-operations",
    response={200: VehicleLabourOperations, **errors(403, 404, 409, 503)},
    summary="Labour operations valid for a vehicle",
    description="The operations of the catalogue valid for the vehicle's brand, series, model, "
    "engine and production date, matching `search`, by number; at most 50 (`more` tells when "
    "there are more). Each with its units, the FRU they make for this brand and your price.",
    operation_id="vehicle_labour_operations",
)
def vehicle_labour_operations(
    request: HttpRequest, vin: VinPath, query: Query[SearchQuery]
) -> dict[str, Any]:
    user = require_application(request, APPLICATION_SLUG)
    vehicle = resolve_vehicle(vin)
    language = translation.get_language() or "en"
    found = labour_operations_for_vehicle(vehicle=vehicle, search=query.search)
    minutes = unit_minutes(brand=vehicle.brand)
    per_fru = labour_price_per_fru_gross(user.organisation)
    operations = []
    for operation in found.operations:
        version = operation.current
        assert version is not None
        fru = rules.fru(version.units, unit_minutes=minutes)
        operations.append(
            {
                "number": operation.number,
                "description": version.text("description", language),
                "units": version.units,
                "fru": fru,
                "price_gross": to_cent(fru * per_fru) if per_fru is not None else None,
                "version": version.version,
                "reference": version.reference,
                "valid_for": _validity(operation),
            }
        )
    return {
        "vin": vehicle.vin,
        "search": found.search,
        "unit_minutes": minutes,
        "more": found.more,
        "operations": operations,
    }


@router.get(
    "/labour-operations/{number}",
    response={200: LabourOperationDetail, **errors(403, 404, 503)},
    summary="A labour operation",
    description="Every variant of the number (one per validity) with its current version: "
    "descriptions, units, included and excluded work, special tools. Unknown or withdrawn: "
    "404 CSD-0001.",
    operation_id="labour_operation_get",
)
def labour_operation_get(request: HttpRequest, number: str) -> dict[str, Any]:
    require_application(request, APPLICATION_SLUG)
    language = translation.get_language() or "en"
    variants = labour_operation_variants(number=number)
    return {
        "number": variants[0].number,
        "variants": [
            {"valid_for": _validity(operation), "current": _version(operation, language)}
            for operation in variants
        ],
    }


@router.get(
    "/vehicles/{vin}/service-packages",
    response={200: VehicleServicePackages, **errors(403, 404, 409, 503)},
    summary="Service packages valid for a vehicle",
    description="The packages offered for the vehicle, each with its operations (the variant "
    "valid for the vehicle; `description` null when none is), parts and fluids, and fixed price.",
    operation_id="vehicle_service_packages",
)
def vehicle_service_packages(request: HttpRequest, vin: VinPath) -> dict[str, Any]:
    require_application(request, APPLICATION_SLUG)
    vehicle = resolve_vehicle(vin)
    language = translation.get_language() or "en"
    minutes = unit_minutes(brand=vehicle.brand)
    contents = package_contents(vehicle=vehicle, packages=packages_for_vehicle(vehicle=vehicle))
    return {
        "vin": vehicle.vin,
        "packages": [
            _package(
                content.package,
                language,
                [(row.operation_number, row.quantity, op) for row, op in content.operations],
                minutes,
            )
            for content in contents
        ],
    }


@router.get(
    "/service-packages/{number}",
    response={200: ServicePackageOut, **errors(403, 404, 503)},
    summary="A service package",
    description="A package offered to workshops, with its operation numbers, parts and fluids. "
    "Unknown: 404 CSD-0002.",
    operation_id="service_package_get",
)
def service_package_get(request: HttpRequest, number: str) -> dict[str, Any]:
    require_application(request, APPLICATION_SLUG)
    language = translation.get_language() or "en"
    package = package_get(number=number)
    rows: list[tuple[str, Decimal, LabourOperation | None]] = [
        (row.operation_number, row.quantity, None) for row in package.operations.all()
    ]
    return _package(package, language, rows, None)
