"""The problem codes of Commercial Service Data (services, selectors, imports and the API)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from aftersales.portal.problems import register

OPERATION_NOT_FOUND = register(
    "CSD-0001",
    status=404,
    title="Labour operation not found",
    meaning=_("No labour operation of the catalogue has this number (or it was withdrawn)."),
)
PACKAGE_NOT_FOUND = register(
    "CSD-0002",
    status=404,
    title="Service package not found",
    meaning=_("No service package offered to workshops has this number."),
)
QUANTITY_INVALID = register(
    "CSD-0003",
    status=422,
    title="Quantity invalid",
    meaning=_("A quantity is a number greater than 0 and at most 999, with at most two decimals."),
)
NOT_VALID_FOR_VEHICLE = register(
    "CSD-0004",
    status=409,
    title="Not valid for this vehicle",
    meaning=_(
        "The labour operation or service package does not apply to this vehicle's series, "
        "model, engine or production date."
    ),
)
OPERATION_INVALID = register(
    "CSD-0010",
    status=422,
    title="Labour operation data invalid",
    meaning=_(
        "A labour operation needs a number, a description and units greater than 0; its "
        "production period must not end before it starts."
    ),
)
OPERATION_EXISTS = register(
    "CSD-0011",
    status=409,
    title="Labour operation exists",
    meaning=_("An operation with this number and this validity is already in the catalogue."),
)
FILE_TOO_LARGE = register(
    "CSD-0020",
    status=413,
    title="Import file too large",
    meaning=_("The import file is larger than the limit; nothing was read."),
)
FILE_UNUSABLE = register(
    "CSD-0021",
    status=422,
    title="Import file unusable",
    meaning=_(
        "The import file cannot be read at all (not CSV or XLSX, no header line with the "
        "required columns); nothing was imported."
    ),
)
