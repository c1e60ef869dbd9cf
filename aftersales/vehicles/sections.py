"""What other applications add to a vehicle's central data (its history): e.g. Programming's
results per control unit. Shown on the Central data screen below the mileage readings.

An application registers a provider in its AppConfig.ready(); a provider returns its sections
for one vehicle and the user looking (it applies its own access rule, and returns none when the
user may not see them). Vehicles imports no application.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from aftersales.accounts.models import User

    from .models import Vehicle


@dataclass(frozen=True)
class VehicleSection:
    template: str  # rendered with `context`
    context: dict[str, Any] = field(default_factory=dict)


SectionProvider = Callable[["Vehicle", "User"], list[VehicleSection]]
_PROVIDERS: list[SectionProvider] = []


def vehicle_section_register(provider: SectionProvider) -> None:
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)


def vehicle_sections(*, vehicle: Vehicle, user: User) -> list[VehicleSection]:
    return [section for provider in _PROVIDERS for section in provider(vehicle, user)]
