"""The problem codes of KeyReader (rules.py, services.py and the upload form raise them).

A malformed VIN is VIN-0001 and a mileage that is not only digits is IPL-0051, as everywhere.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from aftersales.portal.problems import register

RAW_TOO_LARGE = register(
    "KR-0001",
    status=413,
    title="Raw read-out too large",
    meaning=_("The raw read-out of a key read may have at most 64 kB (65,536 bytes) decoded."),
)
RAW_INVALID = register(
    "KR-0002",
    status=422,
    title="Raw read-out missing or not base64",
    meaning=_("The raw read-out is missing or is not valid base64."),
)
READ_TIME_FUTURE = register(
    "KR-0003",
    status=422,
    title="Read time in the future",
    meaning=_("The time of the read lies in the future (more than 10 minutes ahead)."),
)
CBS_UNKNOWN = register(
    "KR-0004",
    status=422,
    title="Unknown CBS position",
    meaning=_("A CBS item names a position that the CBS catalogue does not know."),
)
CBS_VALUE = register(
    "KR-0005",
    status=422,
    title="CBS item without a usable value",
    meaning=_(
        "A CBS item needs a due date, remaining kilometres or a percentage (0-100); remaining "
        "kilometres must be a possible distance."
    ),
)
CBS_DUPLICATE = register(
    "KR-0006",
    status=422,
    title="CBS position listed twice",
    meaning=_("A key read lists the same CBS position more than once."),
)
CC_CODE_SHAPE = register(
    "KR-0007",
    status=422,
    title="Check-control code of the wrong shape",
    meaning=_("A check-control code has 1 to 4 digits."),
)
CC_TEXT = register(
    "KR-0008",
    status=422,
    title="Check-control text missing or too long",
    meaning=_("A check-control message needs a text of at most 200 characters."),
)
KEY_NUMBER = register(
    "KR-0009",
    status=422,
    title="Key number not possible",
    meaning=_("The key number is between 0 and 99."),
)
FILE_FORM = register(
    "KR-0010",
    status=422,
    title="Read-out file not in the documented form",
    meaning=_(
        "The uploaded read-out file is not JSON in the documented form (see the KeyReader "
        "README); `errors` names the fields."
    ),
)
FILE_TOO_LARGE = register(
    "KR-0011",
    status=413,
    title="Read-out file too large",
    meaning=_("An uploaded read-out file may have at most 256 kB."),
)
MILEAGE_NOT_APPLIED = register(
    "KR-0012",
    status=409,
    title="Mileage lower than the central mileage",
    meaning=_(
        "The key's mileage is lower than the central mileage: the read is kept and flagged, "
        "and its mileage is not used for an order."
    ),
)
