"""What other applications want a workshop to see first about a vehicle (e.g. "2 open technical
campaigns"), shown above every vehicle screen of every application.

An application registers a provider in its AppConfig.ready(); a provider returns its notices for
one vehicle and the user looking (it applies its own access rule, and returns none when the user
may not see them). Vehicles imports no application.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from aftersales.accounts.models import User

    from .models import Vehicle


@dataclass(frozen=True)
class VehicleNotice:
    text: str
    level: Literal["info", "warning", "error"] = "info"  # error: red (e.g. do not drive)
    url: str = ""  # where the details are


NoticeProvider = Callable[["Vehicle", "User"], list[VehicleNotice]]
_PROVIDERS: list[NoticeProvider] = []


def vehicle_notice_register(provider: NoticeProvider) -> None:
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)


def vehicle_notices(*, vehicle: Vehicle, user: User) -> list[VehicleNotice]:
    return [notice for provider in _PROVIDERS for notice in provider(vehicle, user)]
