"""The problem codes of Workshop equipment (services, selectors, imports and the API)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from aftersales.portal.problems import register

TOOL_NOT_FOUND = register(
    "EQ-0001",
    status=404,
    title="Special tool not found",
    meaning=_("No tool of the equipment catalogue has this number."),
)
INVENTORY_ITEM_NOT_FOUND = register(
    "EQ-0002",
    status=404,
    title="Inventory item not found",
    meaning=_("Your organisation's inventory has no such item."),
)
REQUEST_NOT_FOUND = register(
    "EQ-0003",
    status=404,
    title="Tool request not found",
    meaning=_("Your organisation has no tool request with this number."),
)
TOOL_INVALID = register(
    "EQ-0010",
    status=422,
    title="Tool data invalid",
    meaning=_(
        "A tool needs a number and a name; its price is not negative, its brands are known and "
        "its calibration interval is 1 to 240 months."
    ),
)
INVENTORY_INVALID = register(
    "EQ-0011",
    status=422,
    title="Inventory data invalid",
    meaning=_(
        "A serial number has at most 60 characters, a calibration date is a date that is not "
        "in the future."
    ),
)
INVENTORY_DUPLICATE = register(
    "EQ-0012",
    status=409,
    title="Tool already in the inventory",
    meaning=_("Your inventory already holds this tool with this serial number."),
)
REQUEST_INVALID = register(
    "EQ-0020",
    status=422,
    title="Tool request invalid",
    meaning=_(
        "A request names 1 to 20 tools of the catalogue that are offered to workshops, each "
        "with a quantity of 1 to 99."
    ),
)
REQUEST_STATUS = register(
    "EQ-0021",
    status=409,
    title="Status change not possible",
    meaning=_(
        "A request goes new → confirmed → shipped; new and confirmed requests can be "
        "cancelled; shipped and cancelled requests do not change."
    ),
)
PICTURE_REFUSED = register(
    "EQ-0030",
    status=422,
    title="Picture refused",
    meaning=_(
        "A tool's picture is a PNG or an SVG that only draws (no script, no reference outside "
        "the file), at most 5 MB."
    ),
)
FILE_TOO_LARGE = register(
    "EQ-0040",
    status=413,
    title="Import file too large",
    meaning=_("The import file is larger than the limit; nothing was read."),
)
FILE_UNUSABLE = register(
    "EQ-0041",
    status=422,
    title="Import file unusable",
    meaning=_(
        "The import file cannot be read at all (not CSV or XLSX, no header line with the "
        "required columns); nothing was imported."
    ),
)
