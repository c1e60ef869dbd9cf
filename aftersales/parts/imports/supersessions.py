"""The supersessions import: old number → new number, one a line.

FORMAT
CSV with a header line: old_number, new_number and optionally replaced_on (YYYY-MM-DD);
";", "," or tab between fields. Spaces in the numbers do not matter.

old_number;new_number;replaced_on
11 42 7 508 969;11 42 7 541 827;2023-05-01
11 42 7 541 827;11 42 7 953 129;2024-10-15

Both numbers must be parts of the catalogue (import the catalogue first). Chains are resolved
at once (a part replaced twice shows the last number); a line that would close a cycle is
rejected (EPC-0010) and the others go on. Importing a line again changes nothing.
"""

from __future__ import annotations

import csv
from datetime import date
from typing import IO

from django.utils.translation import gettext as _

from aftersales.portal.errors import RuleViolation

from .. import numbers
from ..models import Part
from ..services import supersession_set
from .common import CountingStream, ImportResult, Progress, numbered_lines, unusable

PROGRESS_EVERY = 500


def supersessions_import(*, stream: IO[bytes], on_progress: Progress | None = None) -> ImportResult:
    counting = CountingStream(stream)
    result = ImportResult()
    lines = numbered_lines(counting)
    header: list[str] = []
    delimiter = ";"
    for number, text in lines:
        result.lines = number
        if not text.strip():
            continue
        if not header:
            delimiter = max((";", ",", "\t"), key=text.count)
            header = [h.strip().lower() for h in next(csv.reader([text], delimiter=delimiter))]
            if not {"old_number", "new_number"} <= set(header):
                raise unusable(_("The header line needs the columns old_number and new_number."))
            continue
        values = dict(
            zip(
                header,
                (f.strip() for f in next(csv.reader([text], delimiter=delimiter))),
                strict=False,
            )
        )
        old, new = values.get("old_number", ""), values.get("new_number", "")
        try:
            replaced_on = (
                date.fromisoformat(values["replaced_on"]) if values.get("replaced_on") else None
            )
        except ValueError:
            result.reject(number, old, _("replaced_on is not a date YYYY-MM-DD."))
            continue
        before = (
            Part.objects.filter(number=numbers.normalize(old))
            .values_list("replaced_by__number", "replaced_on")
            .first()
        )
        try:
            supersession_set(old_number=old, new_number=new, replaced_on=replaced_on)
        except RuleViolation as violation:
            result.reject(number, old, str(violation))
            continue
        if before is None or before[0] is None:
            result.created += 1
        elif before == (numbers.normalize(new), replaced_on):
            result.unchanged += 1
        else:
            result.updated += 1
        if on_progress is not None and number % PROGRESS_EVERY == 0:
            on_progress(counting.bytes_read, number)
    if not header:
        raise unusable(_("The file is empty."))
    return result
