"""The problem codes of the Electronic Parts Catalogue (pages, imports, uploads and the API)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from aftersales.portal.problems import register

PART_NOT_FOUND = register(
    "EPC-0001",
    status=404,
    title="Part not found",
    meaning=_("No part of the catalogue has this number (spaces do not matter)."),
)
GROUP_NOT_FOUND = register(
    "EPC-0002",
    status=404,
    title="Group not found",
    meaning=_(
        "The main group, subgroup or illustration does not exist or has no parts for this vehicle."
    ),
)
QUANTITY_INVALID = register(
    "EPC-0003",
    status=422,
    title="Quantity invalid",
    meaning=_("A quantity is a number greater than 0 and at most 999, with at most 2 decimals."),
)
SEARCH_INVALID = register(
    "EPC-0004",
    status=422,
    title="Search text invalid",
    meaning=_(
        "Search for a part number or for words of at least 2 letters (at most 60 characters)."
    ),
)
SUPERSESSION_CYCLE = register(
    "EPC-0010",
    status=409,
    title="Supersession makes a cycle",
    meaning=_(
        "The new number is already replaced, directly or through a chain, by the old one: a "
        "part cannot end up replacing itself."
    ),
)
SUPERSESSION_INVALID = register(
    "EPC-0011",
    status=422,
    title="Supersession invalid",
    meaning=_("A supersession needs two different known part numbers."),
)
FILE_TOO_LARGE = register(
    "EPC-0020",
    status=413,
    title="Import file too large",
    meaning=_("The file is larger than the limit; nothing was read."),
)
FILE_UNUSABLE = register(
    "EPC-0021",
    status=422,
    title="Import file unusable",
    meaning=_(
        "The file cannot be read at all (wrong format, missing columns, not text); nothing was "
        "imported."
    ),
)
XML_FORBIDDEN = register(
    "EPC-0022",
    status=422,
    title="XML refused",
    meaning=_(
        "The XML file declares a document type, entities or external references, which are "
        "never read (a BMEcat price list needs none); nothing was imported."
    ),
)
ILLUSTRATION_UNSAFE = register(
    "EPC-0030",
    status=422,
    title="Illustration refused",
    meaning=_(
        "The SVG holds scripts, event handlers, embedded HTML (foreignObject), a document type "
        "or references to other files or sites; only self-contained drawings are accepted."
    ),
)
ILLUSTRATION_FORMAT = register(
    "EPC-0031",
    status=422,
    title="Illustration format not supported",
    meaning=_("An illustration is an SVG or PNG file of at most 5 MB with a known size."),
)
