"""What KeyReader plugs into the vehicles app: the notice of a recent key read on every vehicle
screen (e.g. Service history), and the matching of waiting reads when a vehicle is created."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from aftersales import clock
from aftersales.accounts.models import User
from aftersales.catalogue.access import application_access
from aftersales.catalogue.selectors import application_find
from aftersales.servicehistory.rules import km
from aftersales.vehicles.models import Vehicle
from aftersales.vehicles.notices import VehicleNotice

from .models import KeyRead
from .selectors import APPLICATION_SLUG, is_due

# A read older than this is no longer news at the reception.
NOTICE_DAYS = 14


def match_new_vehicle(sender: Any, instance: Vehicle, created: bool, **kwargs: Any) -> None:
    if created and not kwargs.get("raw"):
        from .services import key_reads_match

        key_reads_match(reads=KeyRead.objects.filter(vin=instance.vin))


def recent_reads(vehicle: Vehicle, user: User) -> QuerySet[KeyRead] | None:
    """The user's organisation's reads of the vehicle recent enough to be news: the notice's
    candidates (vehicles.notices) and where it finds the newest."""
    if user.organisation_id is None:
        return None
    since = clock.now() - timedelta(days=NOTICE_DAYS)
    # Uses key_read_vehicle_recent_idx.
    return KeyRead.objects.filter(
        vehicle=vehicle, organisation_id=user.organisation_id, read_at__gte=since
    )


def key_read_notices(vehicle: Vehicle, user: User) -> list[VehicleNotice]:
    """The newest key read of the user's organisation for this vehicle, if recent."""
    recent = recent_reads(vehicle, user)
    if recent is None:
        return []
    read = recent.prefetch_related("cbs_items").order_by("-read_at", "-id").first()
    if read is None:
        return []
    application = application_find(slug=APPLICATION_SLUG)
    if application is None or not application_access(user=user, application=application).allowed:
        return []
    today = clock.today()
    due = sum(1 for item in read.cbs_items.all() if is_due(item, today=today))
    values = {
        "at": timezone.localtime(read.read_at).strftime("%Y-%m-%d %H:%M"),
        "km": km(read.mileage_km),
        "due": due,
    }
    url = reverse("keyreader:key_read", args=[read.pk])
    if read.below_central:
        text = (
            _("Key read of %(at)s: %(km)s, lower than the central mileage (not applied).") % values
        )
        return [VehicleNotice(text, "warning", url)]
    text = (
        ngettext(
            "Key read of %(at)s: %(km)s, %(due)d CBS position due.",
            "Key read of %(at)s: %(km)s, %(due)d CBS positions due.",
            due,
        )
        % values
    )
    return [VehicleNotice(text, "info", url)]
