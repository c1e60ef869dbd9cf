"""What the API routes of every application share: the VIN of a path, the error responses."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Path, Schema, Status

from aftersales.accounts.models import User
from aftersales.portal.errors import RuleViolation
from aftersales.vehicles import vin as vin_rules
from aftersales.vehicles.models import Vehicle
from aftersales.vehicles.selectors import vehicle_lookup

from . import codes, problems
from . import services as api_services
from .schemas import Problem

# The canonical form (AftersalesAPI adds it to the document), taken from the vehicles app's own patterns; the rule itself runs in
# vehicle_lookup (VIN-0001 with a clear message), which also accepts lower case and spaces.
VIN_PATTERN = f"^(?:{vin_rules.VIN_RE.pattern[1:-1]}|{vin_rules.SHORT_VIN_RE.pattern[1:-1]})$"
VinPath = Annotated[
    str,
    Path(
        description="Full VIN (17 characters) or its last 7 characters.",
        example="WBAUV71070A193748",
    ),
]


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
            extra={"candidates": [vehicle.vin for vehicle in lookup.candidates]},
        )
    return lookup.vehicle


def idempotent_post(
    request: HttpRequest,
    response: HttpResponse,
    *,
    user: User,
    idempotency_key: str | None,
    payload: Schema,
    call: Callable[[], tuple[int, Any]],
) -> Status[Any] | HttpResponse:
    """A creating POST of the API, run once per Idempotency-Key when the client sends one.

    Without a key `call` simply runs. With one, a repeat of the same request replays the first
    answer (errors too) with `Idempotent-Replayed: true`; the rule lives in
    `api.services.idempotent_call`.
    """
    if idempotency_key is None:
        return Status(*call())
    status, body, replayed = api_services.idempotent_call(
        user=user,
        key=idempotency_key,
        operation=f"POST {request.path}",
        body=payload.model_dump(mode="json"),
        call=call,
        on_violation=lambda violation: (
            violation.status,
            problems.rule_violation_body(request, violation),
        ),
    )
    headers = {"Idempotent-Replayed": "true" if replayed else "false"}
    if status >= 400:
        return problems.problem_response(body, headers=headers)
    for name, value in headers.items():
        response[name] = value
    return Status(status, body)
