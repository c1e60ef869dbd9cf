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
