"""The problem codes of Emission-relevant fault codes (FC-): the catalogue, its imports and
the fault memory reports. Mileage errors of a report are Service history's (IPL-0051, SH-0001,
SH-0002): one mileage rule in the portal."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from aftersales.portal.problems import register

# The catalogue
CODE_MALFORMED = register(
    "FC-0001",
    status=422,
    title="Fault code malformed",
    meaning=_(
        "The fault code is not of the shape of SAE J2012 / ISO 15031-6: a letter P, B, C or U, "
        "a digit 0-3 and three hexadecimal characters (e.g. P0301). The message names the rule."
    ),
)
CODE_UNKNOWN = register(
    "FC-0002",
    status=404,
    title="Fault code not in the catalogue",
    meaning=_("The code is well-formed, but the catalogue has no description of it."),
)
BRAND_MISSING = register(
    "FC-0003",
    status=422,
    title="Brand missing",
    meaning=_("A manufacturer-specific code means something only for a brand: name the brand."),
)
BRAND_UNKNOWN = register(
    "FC-0004",
    status=422,
    title="Unknown brand",
    meaning=_("The brand is not one of the brands of the portal."),
)
DESCRIPTION_MISSING = register(
    "FC-0005",
    status=422,
    title="Description missing",
    meaning=_("A catalogue entry needs its English description."),
)
TEXT_TOO_LONG = register(
    "FC-0006",
    status=422,
    title="Text too long",
    meaning=_("A description, a cause or a tool id is longer than allowed."),
)
FLAG_INVALID = register(
    "FC-0007",
    status=422,
    title="Yes/no value invalid",
    meaning=_("A yes/no column holds something else than yes/no, true/false or 1/0."),
)
SEARCH_TOO_SHORT = register(
    "FC-0008",
    status=422,
    title="Search too short",
    meaning=_("A search needs at least one word of two characters or more."),
)
DUPLICATE_LINE = register(
    "FC-0009",
    status=422,
    title="Code listed twice",
    meaning=_(
        "The same code (and brand) appears twice in one import file, or the same code with "
        "the same status twice in one report."
    ),
)
# Fault memory reports
STATUS_UNKNOWN = register(
    "FC-0010",
    status=422,
    title="Unknown code status",
    meaning=_("The status of a read code is not confirmed, pending or permanent."),
)
MONITOR_UNKNOWN = register(
    "FC-0011",
    status=422,
    title="Unknown readiness monitor",
    meaning=_("The readiness monitor is not one of the OBD monitors (see the schema)."),
)
MONITOR_STATE_UNKNOWN = register(
    "FC-0012",
    status=422,
    title="Unknown monitor state",
    meaning=_("A readiness monitor is complete, incomplete or not supported."),
)
READ_AT_INVALID = register(
    "FC-0013",
    status=422,
    title="Time of the read-out invalid",
    meaning=_("The time of the read-out is missing or not in the form YYYY-MM-DD HH:MM."),
)
READ_AT_FUTURE = register(
    "FC-0014",
    status=422,
    title="Time of the read-out in the future",
    meaning=_("The time of the read-out lies in the future."),
)
TOO_MANY_CODES = register(
    "FC-0015",
    status=422,
    title="Too many codes",
    meaning=_("A report holds more codes than a fault memory can."),
)
NO_ORGANISATION = register(
    "FC-0016",
    status=403,
    title="No workshop organisation",
    meaning=_("Only a user of a workshop organisation can record fault memory reports."),
)
ENTRY_NOT_ATTACHABLE = register(
    "FC-0020",
    status=422,
    title="Service entry cannot be attached",
    meaning=_(
        "A report can be attached only to a current, uncancelled service entry of the same "
        "vehicle stored by the same workshop."
    ),
)
# Imports of manufacturer packs
FILE_TOO_LARGE = register(
    "FC-0030",
    status=413,
    title="Import file too large",
    meaning=_("The import file is larger than the limit; nothing was read."),
)
FILE_UNUSABLE = register(
    "FC-0031",
    status=422,
    title="Import file unusable",
    meaning=_(
        "The file is not a UTF-8 CSV file with the required columns (code, description_en); "
        "nothing was imported."
    ),
)
LINE_MALFORMED = register(
    "FC-0032",
    status=422,
    title="Import line malformed",
    meaning=_("A line of an import file has more values than the header has columns."),
)
