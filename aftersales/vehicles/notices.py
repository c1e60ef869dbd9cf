"""What other applications want a workshop to see first about a vehicle (e.g. "2 open technical
campaigns"), shown above every vehicle screen of every application.

An application registers a provider in its AppConfig.ready(); a provider returns its notices for
one vehicle and the user looking (it applies its own access rule, and returns none when the user
may not see them). Vehicles imports no application.

Most vehicles have nothing to show, yet every provider asked costs its own queries on every
vehicle screen (they were 40 % of the Service history page). So a provider may also register
`candidates`: a queryset (of any model) whose rows must exist for the provider to have
something to say, or None when it has nothing to say to this user. `vehicle_notices` asks every
provider's candidates in one query (EXISTS per provider) and calls only the providers that have
candidates. A candidates query may say yes too often, never no too often.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from django.db.models import Exists, QuerySet

if TYPE_CHECKING:
    from aftersales.accounts.models import User

    from .models import Vehicle


@dataclass(frozen=True)
class VehicleNotice:
    text: str
    level: Literal["info", "warning", "error"] = "info"  # error: red (e.g. do not drive)
    url: str = ""  # where the details are


NoticeProvider = Callable[["Vehicle", "User"], list[VehicleNotice]]
NoticeCandidates = Callable[["Vehicle", "User"], "QuerySet[Any] | None"]


@dataclass(frozen=True)
class _Source:
    provider: NoticeProvider
    candidates: NoticeCandidates | None


_SOURCES: list[_Source] = []


def vehicle_notice_register(
    provider: NoticeProvider, *, candidates: NoticeCandidates | None = None
) -> None:
    if all(source.provider is not provider for source in _SOURCES):
        _SOURCES.append(_Source(provider, candidates))


def vehicle_notices(*, vehicle: Vehicle, user: User) -> list[VehicleNotice]:
    asking: list[_Source] = []
    checks: dict[str, Exists] = {}
    for source in _SOURCES:
        if source.candidates is None:
            asking.append(source)
            continue
        candidates = source.candidates(vehicle, user)
        if candidates is not None:
            checks[f"source_{_SOURCES.index(source)}"] = Exists(candidates)
    if checks:
        # One query for every provider's candidates; the vehicle row is only its anchor.
        found = (
            type(vehicle)._default_manager.filter(pk=vehicle.pk).values(**checks).order_by().first()
            or {}
        )
        asking += [source for source in _SOURCES if found.get(f"source_{_SOURCES.index(source)}")]
    asking.sort(key=_SOURCES.index)  # the registration order, whoever was asked
    return [notice for source in asking for notice in source.provider(vehicle, user)]
