"""The problem codes of the VIN entry (selectors.vehicle_lookup raises them)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from aftersales.portal.problems import register

VIN_MALFORMED = register(
    "VIN-0001",
    status=422,
    title="Malformed VIN",
    meaning=_("The VIN is malformed (length or characters)."),
)
VIN_NOT_FOUND = register(
    "VIN-0002", status=404, title="Vehicle not found", meaning=_("No vehicle has this VIN.")
)

# Mileage readings (services.mileage_reading_record / mileage_flag_explain)
READING_NOT_POSSIBLE = register(
    "VEH-0001",
    status=422,
    title="Mileage reading not possible",
    meaning=_("The reading is negative or higher than any road vehicle reaches (a typo)."),
)
READING_SOURCE_UNKNOWN = register(
    "VEH-0002",
    status=422,
    title="Unknown reading source",
    meaning=_("The source of a mileage reading is not one the portal knows."),
)
EXPLANATION_MISSING = register(
    "VEH-0003",
    status=422,
    title="Explanation missing",
    meaning=_("A mileage flag is marked explained only with a reason."),
)
READING_NOT_FLAGGED = register(
    "VEH-0004",
    status=409,
    title="Reading not flagged",
    meaning=_("Only a flagged reading (lower than an earlier one) can be explained."),
)
