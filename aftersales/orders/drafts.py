"""The order a workshop is putting together for one vehicle, kept in the session per VIN so that
nothing typed is lost between the steps, on errors, or when the user looks at another tab.

A draft holds what the user chose: CBS positions, mileage, date, comment, lines taken off with ±,
and the lines other applications added (a campaign carried out, a part, a labour operation) as
`items`: {"kind": ..., "number": ..., "quantity": ...}. The lines themselves, with prices, are
built from it by `aftersales.orders.selectors.order_build`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any

from django.http import HttpRequest

SESSION_KEY = "orders.drafts"
MAX_DRAFTS = 10  # VINs kept per session; the oldest draft is dropped first


@dataclass(frozen=True)
class OrderDraft:
    positions: list[str] = field(default_factory=list)
    mileage: str = ""
    maintenance_date: str = ""
    confirm_mileage_jump: bool = False
    removed: list[str] = field(default_factory=list)  # OrderLine.key of lines taken off
    comment: str = ""
    items: list[dict[str, str]] = field(default_factory=list)
    last_entry_id: int | None = None  # the entry stored last from this draft (printable)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> OrderDraft:
        known = {f.name for f in fields(cls)}
        return cls(**{key: value for key, value in data.items() if key in known})

    def items_of(self, kind: str) -> list[dict[str, str]]:
        return [item for item in self.items if item.get("kind") == kind]


def draft_get(request: HttpRequest, vin: str) -> OrderDraft:
    return OrderDraft.from_dict(request.session.get(SESSION_KEY, {}).get(vin, {}))


def draft_save(request: HttpRequest, vin: str, **changes: Any) -> OrderDraft:
    drafts: dict[str, dict[str, Any]] = dict(request.session.get(SESSION_KEY, {}))
    draft = replace(OrderDraft.from_dict(drafts.pop(vin, {})), **changes)
    drafts[vin] = asdict(draft)
    while len(drafts) > MAX_DRAFTS:
        drafts.pop(next(iter(drafts)))
    request.session[SESSION_KEY] = drafts
    return draft


def draft_item_add(
    request: HttpRequest,
    vin: str,
    *,
    kind: str,
    number: str,
    quantity: str | None = None,
    **details: str,
) -> OrderDraft:
    """Adds a line of another application. Adding it again changes nothing, unless it comes with
    a quantity (a labour operation: 2 × …): then the quantity and the details are replaced."""
    draft = draft_get(request, vin)
    item = {"kind": kind, "number": number, **details}
    if quantity is not None:
        item["quantity"] = quantity
    known = [i for i in draft.items if i.get("kind") == kind and i.get("number") == number]
    if known and quantity is None:
        return draft
    items = [item if i in known else i for i in draft.items] if known else [*draft.items, item]
    return draft_save(request, vin, items=items)


def draft_item_remove(request: HttpRequest, vin: str, *, kind: str, number: str) -> OrderDraft:
    """Takes a line of another application off the draft again (nothing when it is not there)."""
    draft = draft_get(request, vin)
    items = [i for i in draft.items if not (i.get("kind") == kind and i.get("number") == number)]
    if len(items) == len(draft.items):
        return draft
    return draft_save(request, vin, items=items)


def draft_finish(request: HttpRequest, vin: str, *, entry_id: int) -> OrderDraft:
    """After storing: the draft starts afresh, the stored entry stays printable."""
    drafts: dict[str, dict[str, Any]] = dict(request.session.get(SESSION_KEY, {}))
    drafts.pop(vin, None)
    request.session[SESSION_KEY] = drafts
    return draft_save(request, vin, last_entry_id=entry_id)
