"""What other applications want a workshop to see first about a vehicle (e.g. "2 open technical
campaigns"), shown above every vehicle screen of every application.

An application registers a provider in its AppConfig.ready(); a provider returns its notices for
one vehicle and the user looking (it applies its own access rule, and returns none when the user
may not see them). Vehicles imports no application.

Most vehicles have nothing to show, yet every provider asked costs its own queries on every
vehicle screen (they were 40 % of the Service history page). So a provider may also register
`candidates`: the rows that must exist for the provider to have something to say (a queryset
of any model, or SQL with its parameters), or None when it has nothing to say to this user.
`vehicle_notices` asks every provider's candidates in one query (an EXISTS each) and calls only
the providers that have some. Candidates may say yes too often, never no too often. The
campaigns, fault-memory and mileage providers give SQL where building the ORM query took longer
than running it; Key reader gives its own queryset, so its rule of a recent read stays one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from django.db import connection
from django.db.models import QuerySet

if TYPE_CHECKING:
    from aftersales.accounts.models import User

    from .models import Vehicle


@dataclass(frozen=True)
class VehicleNotice:
    text: str
    level: Literal["info", "warning", "error"] = "info"  # error: red (e.g. do not drive)
    url: str = ""  # where the details are


NoticeProvider = Callable[["Vehicle", "User"], list[VehicleNotice]]
Candidates = QuerySet[Any] | tuple[str, list[Any]]
NoticeCandidates = Callable[["Vehicle", "User"], Candidates | None]


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
    asking = [source for source in _SOURCES if source.candidates is None]
    checked: list[_Source] = []
    checks: list[str] = []
    params: list[Any] = []
    for source in _SOURCES:
        candidates = source.candidates(vehicle, user) if source.candidates else None
        if candidates is None:
            continue
        sql, more = (
            candidates.query.sql_with_params() if isinstance(candidates, QuerySet) else candidates
        )
        checked.append(source)
        checks.append(f"EXISTS ({sql})")
        params += more
    if checks:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {', '.join(checks)}", params)
            found = cursor.fetchone()
        asking += [source for source, has in zip(checked, found, strict=True) if has]
    asking.sort(key=_SOURCES.index)  # the registration order, whoever was asked
    return [notice for source in asking for notice in source.provider(vehicle, user)]
