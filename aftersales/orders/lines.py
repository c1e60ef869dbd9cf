"""An order: the lines a workshop quotes and does on one vehicle, and their one total.

Each line has a kind (SRP today; labour operations, parts and campaign work as the applications
that supply them are built), a number, a description, a quantity with its unit, a unit price and
a gross amount. The gross amount is computed once per line (aftersales.portal.money rounding),
the total once per order (`Order.total_gross`), for pages, API, PDFs and demo data alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from aftersales.portal.money import to_cent


class LineKind(models.TextChoices):
    SRP = "SRP", _("Standard repair package")
    LABOUR = "LAB", _("Labour operation")
    PART = "PART", _("Part")
    CAMPAIGN = "CAMP", _("Technical campaign")


class Unit(models.TextChoices):
    FRU = "FRU", _("FRU")  # flat-rate unit, 5 minutes
    PIECE = "pcs", _("pcs")
    LITRE = "l", _("l")


@dataclass
class OrderLine:
    kind: str
    number: str
    description: str
    quantity: Decimal
    unit: str
    unit_price_gross: Decimal | None  # None: no price known (e.g. no labour rate set)
    # The CBS status of the one position the line belongs to (SRP lines), for the order base.
    service_status: str = ""
    remaining: str = ""
    status_level: str = ""
    position_code: str | None = None
    # What the line carries out, e.g. a campaign's number; stored with the entry.
    reference: str = ""
    # The draft item that brought the line when neither its number nor its reference names it
    # (a line of a service package: the package's number). Not stored.
    item: str = ""
    # The special tools the line's work needs, by number (a labour operation's); not stored.
    # Workshop equipment reads them for its panel under the order (orders.selectors).
    tools: list[str] = field(default_factory=list)
    removed: bool = False  # the ± column: shown struck through, not stored, not in the total

    @property
    def key(self) -> str:
        """Identifies the line in the order (the ± toggle): kind and number."""
        return f"{self.kind}:{self.number}"

    @property
    def gross_amount(self) -> Decimal | None:
        if self.unit_price_gross is None:
            return None
        return to_cent(self.quantity * self.unit_price_gross)


@dataclass
class Order:
    lines: list[OrderLine] = field(default_factory=list)

    @property
    def active_lines(self) -> list[OrderLine]:
        return [line for line in self.lines if not line.removed]

    def active_lines_of(self, kind: str) -> list[OrderLine]:
        return [line for line in self.active_lines if line.kind == kind]

    @property
    def total_gross(self) -> Decimal | None:
        """The sum of the lines kept; unknown (None) when one of them has no price."""
        amounts = [line.gross_amount for line in self.active_lines]
        if not amounts or any(amount is None for amount in amounts):
            return None
        return sum((amount for amount in amounts if amount is not None), Decimal("0.00"))

    @property
    def total_fru(self) -> Decimal:
        return sum(
            (line.quantity for line in self.active_lines if line.unit == Unit.FRU), Decimal("0")
        )
