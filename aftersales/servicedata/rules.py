"""The rules of Commercial Service Data: quantities, the content of an operation, unit
conversion. Pages, API, imports and the back office all apply them from here."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext as _

from aftersales.orders.pricing import FRU_PER_HOUR
from aftersales.portal.errors import RuleViolation

from . import codes

MAX_QUANTITY = Decimal("999")
MAX_UNITS = Decimal("9999")
FRU_MINUTES = Decimal(60) / FRU_PER_HOUR  # the order base's unit: 5 minutes
TOOL_NUMBER_RE = re.compile(r"^[0-9A-Z][0-9A-Z .\-/]{1,29}$")


def parse_decimal(raw: object) -> Decimal | None:
    """A number as people type it: "1.5", "1,5", " 2 "; None when it is not one."""
    if isinstance(raw, Decimal):
        return raw
    if isinstance(raw, int | float):
        return Decimal(str(raw))
    text = str(raw or "").strip().replace(",", ".")
    if not re.fullmatch(r"[0-9]+(\.[0-9]+)?", text):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def parse_quantity(raw: object, *, field: str = "quantity") -> Decimal:
    """A quantity of an order item: above 0, at most 999, at most two decimals (CSD-0003)."""
    value = parse_decimal(raw)
    if value is None or value <= 0 or value > MAX_QUANTITY or -value.as_tuple().exponent > 2:  # type: ignore[operator]
        raise RuleViolation(
            codes.QUANTITY_INVALID,
            _(
                "Please enter a quantity greater than 0 and at most 999, with at most two "
                "decimals (e.g. 1 or 1.5)."
            ),
            field=field,
        )
    return value.normalize() if value == value.to_integral() else value


def fru(units: Decimal, *, unit_minutes: Decimal, quantity: Decimal = Decimal(1)) -> Decimal:
    """Maker's units × quantity in FRU of the order base (5 minutes), to the hundredth."""
    minutes = units * quantity * unit_minutes
    return (minutes / FRU_MINUTES).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@dataclass
class OperationContent:
    """What a version of an operation says; compared field by field to decide whether an
    import or an edit makes a new version."""

    description: str
    units: Decimal
    description_da: str = ""
    description_de: str = ""
    included_work: str = ""
    included_work_da: str = ""
    included_work_de: str = ""
    excluded_work: str = ""
    excluded_work_da: str = ""
    excluded_work_de: str = ""
    tool_numbers: list[str] = field(default_factory=list)

    FIELDS = (
        "description",
        "description_da",
        "description_de",
        "units",
        "included_work",
        "included_work_da",
        "included_work_de",
        "excluded_work",
        "excluded_work_da",
        "excluded_work_de",
        "tool_numbers",
    )

    def as_dict(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in self.FIELDS}


def clean_content(content: OperationContent) -> OperationContent:
    """Trimmed content, or CSD-0010 naming the first field at fault."""
    description = " ".join(content.description.split())
    if not description:
        raise RuleViolation(
            codes.OPERATION_INVALID, _("Please enter a description."), field="description"
        )
    longest = max(len(content.description_da.strip()), len(content.description_de.strip()))
    if len(description) > 200 or longest > 200:
        raise RuleViolation(
            codes.OPERATION_INVALID,
            _("A description has at most 200 characters."),
            field="description",
        )
    units = content.units
    if units is None or units <= 0 or units > MAX_UNITS or -units.as_tuple().exponent > 2:  # type: ignore[operator]
        raise RuleViolation(
            codes.OPERATION_INVALID,
            _("Units are a number greater than 0 and at most 9999, with at most two decimals."),
            field="units",
        )
    tools = [" ".join(str(number).split()).upper() for number in content.tool_numbers]
    tools = [number for number in dict.fromkeys(tools) if number]
    bad = [number for number in tools if not TOOL_NUMBER_RE.match(number)]
    if bad:
        raise RuleViolation(
            codes.OPERATION_INVALID,
            _("Not a tool number: %(numbers)s.") % {"numbers": ", ".join(bad[:3])},
            field="tool_numbers",
        )
    return OperationContent(
        description=description,
        description_da=" ".join(content.description_da.split()),
        description_de=" ".join(content.description_de.split()),
        units=units.quantize(Decimal("0.01")),
        included_work=content.included_work.strip(),
        included_work_da=content.included_work_da.strip(),
        included_work_de=content.included_work_de.strip(),
        excluded_work=content.excluded_work.strip(),
        excluded_work_da=content.excluded_work_da.strip(),
        excluded_work_de=content.excluded_work_de.strip(),
        tool_numbers=tools,
    )


def require_number(number: str) -> str:
    cleaned = " ".join(number.split()).upper()
    if not cleaned or len(cleaned) > 20:
        raise RuleViolation(
            codes.OPERATION_INVALID,
            _("An operation number has 1 to 20 characters."),
            field="number",
        )
    return cleaned


def require_period(produced_from: date | None, produced_to: date | None) -> None:
    if produced_from and produced_to and produced_to < produced_from:
        raise RuleViolation(
            codes.OPERATION_INVALID,
            _("The production period ends before it starts."),
            field="produced_to",
        )
