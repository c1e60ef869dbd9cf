"""The problem codes of Emissions test nominal values (rules, services, imports and the API)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from aftersales.portal.problems import register

VALUE_NOT_A_NUMBER = register(
    "EMT-0001",
    status=422,
    title="Measured value is not a number",
    meaning=_(
        "A measured value is a number with a decimal point or comma (e.g. 0.98 or 0,98), "
        "nothing else."
    ),
)
VALUE_IMPLAUSIBLE = register(
    "EMT-0002",
    status=422,
    title="Measured value outside the instrument's range",
    meaning=_(
        "The value lies outside what a test instrument can read for this quantity (e.g. lambda "
        "outside 0.5-2.0): it is refused and nothing is stored."
    ),
)
VALUE_MISSING = register(
    "EMT-0003",
    status=422,
    title="Measured value missing",
    meaning=_("Every quantity with a nominal value or a legal limit must be measured."),
)
NO_NOMINAL_VALUES = register(
    "EMT-0004",
    status=404,
    title="No nominal values for this vehicle",
    meaning=_(
        "The catalogue has no nominal values for the vehicle's engine (e.g. an electric "
        "vehicle, which has no emissions test)."
    ),
)
OBD_STATE_MISSING = register(
    "EMT-0005",
    status=422,
    title="OBD state missing",
    meaning=_(
        "The OBD check is part of this vehicle's test and no recent fault memory report gives "
        "the readiness and the MIL state: they must be entered."
    ),
)
TESTED_AT_INVALID = register(
    "EMT-0006",
    status=422,
    title="Time of the test invalid",
    meaning=_("The time of the test is a date and time (YYYY-MM-DD HH:MM), not in the future."),
)
DETAIL_MISSING = register(
    "EMT-0007",
    status=422,
    title="Tester or instrument missing",
    meaning=_(
        "A test names its tester and the id of the instrument used (at most 100 characters)."
    ),
)
NO_ORGANISATION = register(
    "EMT-0008",
    status=403,
    title="Only a workshop records emissions tests",
    meaning=_("Emissions tests are recorded by a user of a workshop organisation."),
)
NO_CERTIFICATE = register(
    "EMT-0009",
    status=404,
    title="No certificate",
    meaning=_("Only a passed test has a certificate."),
)
NOMINAL_INVALID = register(
    "EMT-0010",
    status=422,
    title="Nominal values invalid",
    meaning=_(
        "Nominal values need an engine type and a fuel; a value lies within what an instrument "
        "reads, a range does not end below its start, and a production period does not end "
        "before it starts."
    ),
)
FILE_TOO_LARGE = register(
    "EMT-0020",
    status=413,
    title="Import file too large",
    meaning=_("The import file is larger than the limit; nothing was read."),
)
FILE_UNUSABLE = register(
    "EMT-0021",
    status=422,
    title="Import file unusable",
    meaning=_(
        "The import file cannot be read at all (not CSV or XLSX, no header line with the "
        "required columns); nothing was imported."
    ),
)
