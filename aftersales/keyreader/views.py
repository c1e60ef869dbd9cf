"""The Key reads pages: the list with the upload form, a read, "Use for order", the raw
read-out, and the organisation's key readers (device tokens)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from aftersales.api import services as api_services
from aftersales.api.models import ApiToken
from aftersales.catalogue.decorators import application_required
from aftersales.orders.drafts import draft_get, draft_save
from aftersales.portal.errors import RuleViolation
from aftersales.portal.forms import add_violation
from aftersales.portal.http import AuthenticatedHttpRequest
from aftersales.servicehistory.cbs import position_label
from aftersales.servicehistory.rules import km

from . import codes
from .forms import DeviceTokenForm, KeyReadUploadForm
from .readout import MAX_FILE_BYTES, key_read_store_from, parse_file
from .selectors import (
    APPLICATION_SLUG,
    cbs_item_state,
    is_due,
    key_read_get,
    order_prefill,
    organisation_device_get,
    organisation_devices,
    organisation_key_reads,
)
from .uploads import SizeLimitUploadHandler

NEW_DEVICE_SESSION_KEY = "keyreader.new_device"


@application_required(APPLICATION_SLUG)
@csrf_exempt  # the upload's size limit must be in place before CSRF reads the body
def key_reads(request: AuthenticatedHttpRequest) -> HttpResponse:
    limit = SizeLimitUploadHandler(request, limit=MAX_FILE_BYTES)
    request.upload_handlers = [limit, *request.upload_handlers]
    return _key_reads(request, limit)


@csrf_protect
def _key_reads(request: AuthenticatedHttpRequest, limit: SizeLimitUploadHandler) -> HttpResponse:
    form = KeyReadUploadForm()
    status = 200
    if request.method == "POST":
        form = KeyReadUploadForm(request.POST, request.FILES)
        if limit.exceeded:
            add_violation(form, _file_too_large())
        elif form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                payload = parse_file(upload, size=upload.size)
                assert request.user.organisation is not None  # application_required
                read, created = key_read_store_from(
                    payload, organisation=request.user.organisation, uploaded_by=request.user
                )
            except RuleViolation as violation:
                add_violation(form, violation)
            else:
                if created:
                    messages.success(request, _("The key read has been stored."))
                else:
                    messages.info(request, _("This key read was stored before; nothing changed."))
                return redirect("keyreader:key_read", read_id=read.pk)
        status = 422 if form.errors else 200
    today = timezone.localdate()
    rows = [
        {"read": read, "due": sum(1 for item in read.cbs_items.all() if is_due(item, today=today))}
        for read in organisation_key_reads(organisation=request.user.organisation)
    ]
    context = {
        "rows": rows,
        "form": form,
        "tab": "key_reads",
    }
    return render(request, "keyreader/key_reads.html", context, status=status)


def _file_too_large() -> RuleViolation:
    return RuleViolation(
        codes.FILE_TOO_LARGE,
        _("The file is larger than %(max)d kB; a read-out file may have at most %(max)d kB.")
        % {"max": MAX_FILE_BYTES // 1024},
        field="file",
    )


@application_required(APPLICATION_SLUG)
def key_read(request: AuthenticatedHttpRequest, read_id: int) -> HttpResponse:
    read = key_read_get(actor=request.user, read_id=read_id)
    today = timezone.localdate()
    items = [
        {
            "item": item,
            "name": position_label(item.position),
            "state": cbs_item_state(item, today=today),
        }
        for item in read.cbs_items.all()
    ]
    context = {"read": read, "items": items, "tab": "key_reads"}
    return render(request, "keyreader/key_read.html", context)


@application_required(APPLICATION_SLUG)
@require_POST
def key_read_use(request: AuthenticatedHttpRequest, read_id: int) -> HttpResponse:
    """Pre-fills the Service data of the read's vehicle and opens it: the mileage (not when it
    is lower than the central mileage) and the due positions, added to what the draft holds."""
    read = key_read_get(actor=request.user, read_id=read_id)
    if read.vehicle is None:
        messages.error(
            request,
            _("The vehicle %(vin)s is not in the central data yet; the read waits for it.")
            % {"vin": read.vin},
        )
        return redirect("keyreader:key_read", read_id=read.pk)
    prefill = order_prefill(read=read)
    draft = draft_get(request, prefill.vin)
    changes: dict[str, object] = {
        "positions": list(dict.fromkeys([*draft.positions, *prefill.positions]))
    }
    if prefill.mileage:
        changes["mileage"] = prefill.mileage
    draft_save(request, prefill.vin, **changes)
    if prefill.below_central:
        warning = RuleViolation(
            codes.MILEAGE_NOT_APPLIED,
            _(
                "The key's mileage of %(key)s is lower than the central mileage of %(central)s: "
                "it was not filled in. Please read the odometer."
            )
            % {"key": km(read.mileage_km), "central": km(read.vehicle.mileage_km)},
        )
        messages.warning(request, str(warning))
    if prefill.not_for_vehicle:
        messages.warning(
            request,
            _("Due in the key but not a position of this vehicle type: %(names)s.")
            % {"names": ", ".join(position_label(p) for p in prefill.not_for_vehicle)},
        )
    messages.success(
        request,
        _("Service data filled in from the key read of %(at)s. Please check them.")
        % {"at": timezone.localtime(read.read_at).strftime("%Y-%m-%d %H:%M")},
    )
    return redirect("servicehistory:service_data", vin=prefill.vin)


@application_required(APPLICATION_SLUG)
def key_read_raw(request: AuthenticatedHttpRequest, read_id: int) -> HttpResponse:
    read = key_read_get(actor=request.user, read_id=read_id)
    with read.raw_readout.open("rb") as raw:  # at most 64 kB (rules.MAX_RAW_BYTES)
        response = HttpResponse(raw.read(), content_type="application/octet-stream")
    name = f"key-read-{read.vin}-{read.key_number}-{read.pk}.bin"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


@application_required(APPLICATION_SLUG)
def devices(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    form = DeviceTokenForm(request.POST or None)
    if request.method == "POST" and user.is_org_admin and form.is_valid():
        try:
            token, raw = api_services.device_token_create(
                actor=user, administrator=user, name=form.cleaned_data["name"]
            )
        except RuleViolation as violation:
            add_violation(form, violation)
        else:
            # Shown once, on the next page view; only the hash is stored.
            request.session[NEW_DEVICE_SESSION_KEY] = {"id": token.pk, "secret": raw}
            return redirect("keyreader:devices")
    context = {
        "form": form,
        "devices": organisation_devices(organisation=user.organisation),
        "new_device": request.session.pop(NEW_DEVICE_SESSION_KEY, None),
        "may_manage": user.is_org_admin,
        "tab": "devices",
    }
    response = render(request, "keyreader/devices.html", context)
    response["Cache-Control"] = "no-store"
    return response


@application_required(APPLICATION_SLUG)
@require_POST
def device_revoke(request: AuthenticatedHttpRequest, token_id: int) -> HttpResponse:
    token: ApiToken = organisation_device_get(actor=request.user, token_id=token_id)
    try:
        api_services.device_token_revoke(actor=request.user, token=token)
    except RuleViolation as violation:
        messages.error(request, str(violation))
    else:
        messages.success(
            request, _("The key reader “%(name)s” has been revoked.") % {"name": token.name}
        )
    return redirect("keyreader:devices")
