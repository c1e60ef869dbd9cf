"""Helpers of the endpoints: resolving the vehicle of a path, the caller's address."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _

from aftersales.portal.errors import RuleViolation
from aftersales.vehicles.models import Vehicle
from aftersales.vehicles.selectors import vehicle_lookup

from .. import codes
from ..schemas import Problem

SERVICE_HISTORY = "service-history"
DIAGNOSIS = "diagnosis"


def errors(*statuses: int) -> dict[int, type[Problem]]:
    return {status: Problem for status in statuses}


def resolve_vehicle(vin: str) -> Vehicle:
    """The one vehicle a path's VIN (or unique last 7 characters) names; several → 409."""
    lookup = vehicle_lookup(query=vin)
    if lookup.vehicle is None:
        raise RuleViolation(
            codes.VEHICLE_AMBIGUOUS,
            _("Several vehicles end in these 7 characters. Please use the full VIN."),
            field="vin",
            status=409,
            extra={"candidates": [vehicle.vin for vehicle in lookup.candidates]},
        )
    return lookup.vehicle


def client_ip(request: HttpRequest) -> str | None:
    return request.META.get("REMOTE_ADDR") or None
