"""What other applications recorded at the visit of a service entry, shown with the entry in
the Service history (the page and the API's entry): e.g. Programming's results per control
unit.

An application registers a provider in its AppConfig.ready(); a provider gets the entries of
one page (all versions, as `service_history` returns them) and the user looking, and returns
the annexes per entry id: a template fragment for the page (rendered with its `context`) and,
under `api_key`, the items of the API's entry (the key must be a field of the API's
`ServiceEntryDetail`). It shows an annex on the entry's current version only, and applies its
own access rule. Service history imports no application.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from aftersales.accounts.models import User

    from .models import ServiceEntry


@dataclass(frozen=True)
class EntryAnnex:
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    api_key: str = ""
    api_items: list[dict[str, Any]] = field(default_factory=list)


AnnexProvider = Callable[[list["ServiceEntry"], "User"], dict[int, list[EntryAnnex]]]
_PROVIDERS: list[AnnexProvider] = []


def entry_annex_register(provider: AnnexProvider) -> None:
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)


def entry_annexes(*, entries: list[ServiceEntry], user: User) -> dict[int, list[EntryAnnex]]:
    """Every provider's annexes per entry id (one query or so per provider, not per entry)."""
    found: dict[int, list[EntryAnnex]] = {}
    if not entries:
        return found
    for provider in _PROVIDERS:
        for entry_id, annexes in provider(entries, user).items():
            found.setdefault(entry_id, []).extend(annexes)
    return found


def entry_annex_items(*, entry: ServiceEntry, user: User) -> dict[str, list[dict[str, Any]]]:
    """The API's items of one entry, per key."""
    items: dict[str, list[dict[str, Any]]] = {}
    for annex in entry_annexes(entries=[entry], user=user).get(entry.pk, []):
        if annex.api_key:
            items.setdefault(annex.api_key, []).extend(annex.api_items)
    return items
