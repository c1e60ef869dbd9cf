"""The rules of Workshop equipment: what a tool, an inventory item and a request must be, and
how a request's status may change. Pages, API, back office and imports all go through them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from aftersales.portal.errors import RuleViolation
from aftersales.vehicles.models import VehicleBrand

from . import codes
from .models import ToolRequest

TOOL_NUMBER_RE = re.compile(r"^[0-9A-Z][0-9A-Z .\-/]{1,29}$")
MAX_PRICE = Decimal("999999.99")
MAX_REQUEST_LINES = 20
MAX_QUANTITY = 99

# status → the statuses it may change to (the operator); the workshop may only cancel a new one.
TRANSITIONS: dict[str, set[str]] = {
    ToolRequest.Status.NEW: {ToolRequest.Status.CONFIRMED, ToolRequest.Status.CANCELLED},
    ToolRequest.Status.CONFIRMED: {ToolRequest.Status.SHIPPED, ToolRequest.Status.CANCELLED},
    ToolRequest.Status.SHIPPED: set(),
    ToolRequest.Status.CANCELLED: set(),
}


@dataclass
class ToolData:
    """What the back office, an import or the demo says about a tool."""

    number: str
    name: str
    name_da: str = ""
    name_de: str = ""
    description: str = ""
    description_da: str = ""
    description_de: str = ""
    supplier: str = ""
    price: Decimal | None = None
    brands: list[str] = field(default_factory=list)
    calibration_months: int | None = None
    active: bool = True

    FIELDS = (
        "name",
        "name_da",
        "name_de",
        "description",
        "description_da",
        "description_de",
        "supplier",
        "price",
        "brands",
        "calibration_months",
        "active",
    )


def _invalid(message: str, field: str) -> RuleViolation:
    return RuleViolation(codes.TOOL_INVALID, message, field=field)


def clean_tool_number(number: str) -> str:
    cleaned = " ".join(str(number).split()).upper()
    if not TOOL_NUMBER_RE.match(cleaned):
        raise _invalid(
            _(
                "A tool number has 2 to 30 letters, digits, spaces, dots, dashes or slashes "
                "and starts with a letter or digit."
            ),
            "number",
        )
    return cleaned


def clean_tool(data: ToolData) -> ToolData:
    """Trimmed data, or EQ-0010 naming the first field at fault."""
    name = " ".join(data.name.split())
    if not name:
        raise _invalid(_("Please enter the tool's name."), "name")
    if max(len(name), len(data.name_da.strip()), len(data.name_de.strip())) > 200:
        raise _invalid(_("A name has at most 200 characters."), "name")
    if len(data.supplier.strip()) > 120:
        raise _invalid(_("A supplier has at most 120 characters."), "supplier")
    price = data.price
    if price is not None and (price < 0 or price > MAX_PRICE or -price.as_tuple().exponent > 2):  # type: ignore[operator]
        raise _invalid(
            _("A price is a number from 0 to 999999.99 with at most two decimals."), "price"
        )
    brands = [str(brand).strip().lower() for brand in data.brands if str(brand).strip()]
    unknown = [brand for brand in brands if brand not in VehicleBrand.values]
    if unknown:
        raise _invalid(
            _("Unknown brand: %(brands)s (known: %(known)s).")
            % {"brands": ", ".join(unknown[:3]), "known": ", ".join(VehicleBrand.values)},
            "brands",
        )
    months = data.calibration_months
    if months is not None and not 1 <= months <= 240:
        raise _invalid(
            _("A calibration interval is 1 to 240 months (empty: no calibration)."),
            "calibration_months",
        )
    return ToolData(
        number=clean_tool_number(data.number),
        name=name,
        name_da=" ".join(data.name_da.split()),
        name_de=" ".join(data.name_de.split()),
        description=data.description.strip(),
        description_da=data.description_da.strip(),
        description_de=data.description_de.strip(),
        supplier=" ".join(data.supplier.split()),
        price=price.quantize(Decimal("0.01")) if price is not None else None,
        brands=list(dict.fromkeys(brands)),
        calibration_months=months,
        active=data.active,
    )


def parse_price(raw: str) -> Decimal | None:
    """ "1.234,50", "1234.50", "" (none): a price as typed in a file; ValueError otherwise."""
    text = str(raw).strip().replace(" ", "")
    if not text:
        return None
    if "," in text and "." in text:
        text = (
            text.replace(".", "").replace(",", ".")
            if text.rfind(",") > text.rfind(".")
            else text.replace(",", "")
        )
    else:
        text = text.replace(",", ".")
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValueError(text) from None
    if not value.is_finite():
        raise ValueError(text)
    return value


def clean_inventory(
    *, serial_number: str, last_calibrated_on: date | None, note: str, today: date
) -> tuple[str, date | None, str]:
    serial = " ".join(serial_number.split())
    if len(serial) > 60:
        raise RuleViolation(
            codes.INVENTORY_INVALID,
            _("A serial number has at most 60 characters."),
            field="serial_number",
        )
    if last_calibrated_on is not None and last_calibrated_on > today:
        raise RuleViolation(
            codes.INVENTORY_INVALID,
            _("The last calibration cannot be in the future."),
            field="last_calibrated_on",
        )
    note = " ".join(note.split())
    if len(note) > 200:
        raise RuleViolation(
            codes.INVENTORY_INVALID, _("A note has at most 200 characters."), field="note"
        )
    return serial, last_calibrated_on, note


def parse_quantity(raw: object) -> int:
    """A requested quantity: a whole number from 1 to 99 (EQ-0020 otherwise)."""
    text = str(raw).strip()
    if not text.isdigit() or not 1 <= int(text) <= MAX_QUANTITY:
        raise RuleViolation(
            codes.REQUEST_INVALID,
            _("A quantity is a whole number from 1 to 99."),
            field="quantity",
        )
    return int(text)


def check_transition(*, current: str, new: str) -> None:
    if new not in TRANSITIONS.get(current, set()):
        labels = dict(ToolRequest.Status.choices)
        raise RuleViolation(
            codes.REQUEST_STATUS,
            _("A request that is %(current)s cannot become %(new)s.")
            % {
                "current": str(labels.get(current, current)).lower(),
                "new": str(labels.get(new, new)).lower(),
            },
            field="status",
        )
