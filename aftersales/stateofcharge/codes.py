"""The problem codes of State of charge (rules.py raises them). A mileage that is not only
digits is IPL-0051, as everywhere."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from aftersales.portal.problems import register

HEALTH_OUT_OF_RANGE = register(
    "SOC-0001",
    status=422,
    title="State of health out of range",
    meaning=_("The state of health is a percentage from 0 to 100; more than 100 is refused."),
)
CAPACITY_ABOVE_NOMINAL = register(
    "SOC-0002",
    status=422,
    title="Capacity above nominal",
    meaning=_("The usable capacity is above the nominal capacity of the vehicle's battery type."),
)
TIME_IN_FUTURE = register(
    "SOC-0003",
    status=422,
    title="Reading time in the future",
    meaning=_("The time of the reading lies in the future (more than 10 minutes ahead)."),
)
CHARGE_OUT_OF_RANGE = register(
    "SOC-0004",
    status=422,
    title="State of charge out of range",
    meaning=_("The state of charge is a percentage from 0 to 100."),
)
NO_BATTERY = register(
    "SOC-0005",
    status=422,
    title="No high-voltage battery known",
    meaning=_("The vehicle's type has no high-voltage battery in the battery types."),
)
VALUE_OUT_OF_RANGE = register(
    "SOC-0006",
    status=422,
    title="Value out of range",
    meaning=_(
        "A value is not plausible: capacity, cycle count and cell voltage spread are not "
        "negative, the cycle count and the spread not huge, the temperature lies between -40 "
        "and 80 °C, the time not before 2000."
    ),
)
NO_READING = register(
    "SOC-0007",
    status=409,
    title="No battery reading",
    meaning=_("A battery health certificate needs at least one reading of the vehicle."),
)
