"""Service entries by id: read, cancel, confirm the transfer to the vehicle."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Status

from aftersales.api.auth import TokenAuth, api_token, require_application
from aftersales.api.common import errors
from aftersales.api.schemas import (
    ServiceEntryCancel,
    ServiceEntryCorrect,
    ServiceEntryDetail,
    TransferConfirm,
)
from aftersales.portal.http import client_ip
from aftersales.servicehistory.selectors import service_entry_get
from aftersales.servicehistory.services import (
    service_entry_cancel,
    service_entry_confirm_transfer,
    service_entry_correct,
)
from aftersales.tools.rules import require_transfer_session, transfer_tool_id

from ..selectors import APPLICATION_SLUG as SERVICE_HISTORY
from ..selectors import TRANSFER_APPLICATION_SLUG
from . import presenters

router = Router()


@router.get(
    "/{int:entry_id}",
    response={200: ServiceEntryDetail, **errors(403, 404, 503)},
    summary="Read a service entry",
    description="One version of an entry with its stored order base. Entries belong to the "
    "vehicle's history, so every workshop with access to Service history may read them; who "
    "stored it and the prices are shown to the entering organisation only.",
    operation_id="service_entry_get",
)
def entry_get(request: HttpRequest, entry_id: int) -> dict:
    user = require_application(request, SERVICE_HISTORY)
    return presenters.entry_detail_out(service_entry_get(actor=user, entry_id=entry_id), actor=user)


@router.post(
    "/{int:entry_id}/cancel",
    auth=TokenAuth(write=True),
    response={200: ServiceEntryDetail, **errors(403, 404, 409, 503)},
    summary="Cancel a service entry",
    description="Cancels the latest version of an entry with a reason (SH-0054). Only the "
    "entering organisation (SH-0050, 403) within the correction window (SH-0051, 409); a "
    "cancelled or replaced entry cannot be cancelled (SH-0052/SH-0053, 409). The entry stays "
    "in the history, marked cancelled.",
    operation_id="service_entry_cancel",
)
def entry_cancel(request: HttpRequest, entry_id: int, payload: ServiceEntryCancel) -> dict:
    user = require_application(request, SERVICE_HISTORY)
    entry = service_entry_get(actor=user, entry_id=entry_id)
    service_entry_cancel(
        actor=user, entry=entry, reason=payload.reason, ip_address=client_ip(request)
    )
    return presenters.entry_detail_out(service_entry_get(actor=user, entry_id=entry_id), actor=user)


@router.post(
    "/{int:entry_id}/correct",
    auth=TokenAuth(write=True),
    response={201: ServiceEntryDetail, **errors(403, 404, 409, 503)},
    summary="Correct a service entry",
    description="Stores a new version with corrected positions and comment (never mileage or "
    "date); the earlier version stays in the history as replaced. Same rules as the page: the "
    "entering organisation (SH-0050), the correction window (SH-0051), the latest uncancelled "
    "version (SH-0052/SH-0053), positions of the vehicle type (SH-0020/SH-0021).",
    operation_id="service_entry_correct",
)
def entry_correct(
    request: HttpRequest, entry_id: int, payload: ServiceEntryCorrect
) -> Status[dict]:
    user = require_application(request, SERVICE_HISTORY)
    entry = service_entry_get(actor=user, entry_id=entry_id)
    correction = service_entry_correct(
        actor=user,
        entry=entry,
        position_codes=payload.positions,
        comment=payload.comment,
        ip_address=client_ip(request),
    )
    stored = service_entry_get(actor=user, entry_id=correction.pk)
    return Status(201, presenters.entry_detail_out(stored, actor=user))


@router.post(
    "/{int:entry_id}/transfer",
    auth=TokenAuth(write=True),
    response={200: ServiceEntryDetail, **errors(403, 404, 409, 503)},
    summary="Confirm the transfer of an entry to the vehicle",
    description="Called by the diagnosis tool after it wrote the entry into the vehicle, with "
    "the time, with the token of its open tool session working on the entry's vehicle (else "
    "403 TOOL-0010); the entry records the session's tool, version and id. Confirming an "
    "already transferred entry again "
    "changes nothing and returns it as it is; a cancelled entry (SH-0052) or a replaced "
    "version (SH-0053) is refused with 409; a time in the future or before the entry was "
    "stored is refused with 422 (SH-0061). Needs access to the Diagnosis application. A time "
    "without time zone is read in the portal's time zone.",
    operation_id="service_entry_confirm_transfer",
)
def entry_transfer(request: HttpRequest, entry_id: int, payload: TransferConfirm) -> dict:
    user = require_application(request, TRANSFER_APPLICATION_SLUG)
    entry = service_entry_get(actor=user, entry_id=entry_id)
    session = require_transfer_session(token=api_token(request), vehicle=entry.vehicle)
    service_entry_confirm_transfer(
        actor=user,
        entry=entry,
        transferred_at=payload.transferred_at,
        tool_id=transfer_tool_id(session),
        ip_address=client_ip(request),
    )
    return presenters.entry_detail_out(service_entry_get(actor=user, entry_id=entry_id), actor=user)
