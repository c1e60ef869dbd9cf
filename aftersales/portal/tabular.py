"""Reading a table of an import (labour operations, tools, ...) row by row, never the whole file:
CSV (any of `,` `;` tab, UTF-8 with or without BOM, else Windows-1252) and XLSX (the first
worksheet, through openpyxl's read-only mode). Both yield (line number, {column: cell}) after the
header line, whose names the caller's `header` maps to column indexes, and report progress as
(done, total): bytes for CSV, rows for XLSX. A file that cannot be read raises the caller's
FILE_UNUSABLE code."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable, Iterator
from typing import IO, Any

from django.utils.translation import gettext as _

from .errors import RuleViolation

Progress = Callable[[int, int], None]
Row = tuple[int, dict[str, Any]]
Header = Callable[[list[str]], dict[str, int]]  # names of the header line → {column: index}
SAMPLE_BYTES = 64 * 1024
# An XLSX is a zip: a small upload may unpack into gigabytes. Refused above this.
MAX_UNPACKED_BYTES = 400 * 1024 * 1024
MAX_ZIP_MEMBERS = 2000


class _Counting(io.RawIOBase):
    """A binary stream that counts what was read, for the progress bar."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream
        self.bytes_read = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.stream.read(len(buffer))
        buffer[: len(data)] = data
        self.bytes_read += len(data)
        return len(data)


def _refusal(code: str) -> Callable[[str], RuleViolation]:
    return lambda message: RuleViolation(code, message, field="file")


def _encoding(sample: bytes) -> str:
    """UTF-8 when the sample decodes as UTF-8 (a character cut at its end is fine)."""
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start < len(sample) - 3:
            return "cp1252"
    return "utf-8-sig"


def _delimiter(line: str) -> str:
    return max((";", ",", "\t"), key=line.count)


def csv_rows(
    stream: IO[bytes],
    *,
    size: int,
    header: Header,
    unusable_code: str,
    on_progress: Progress | None = None,
) -> Iterator[Row]:
    unusable = _refusal(unusable_code)
    buffered = io.BufferedReader(_Counting(stream), buffer_size=SAMPLE_BYTES)
    sample = buffered.peek(SAMPLE_BYTES)[:SAMPLE_BYTES]
    if b"\x00" in sample:
        raise unusable(_("The file holds binary data: it is not a CSV text file."))
    text = io.TextIOWrapper(buffered, encoding=_encoding(sample), errors="replace", newline="")
    first = text.readline()
    columns = header(next(csv.reader([first], delimiter=_delimiter(first)), []))
    reader = csv.reader(text, delimiter=_delimiter(first))
    counter = buffered.raw
    assert isinstance(counter, _Counting)
    previous = 0
    try:
        for cells in reader:
            line, previous = previous + 2, reader.line_num  # where the record starts; header = 1
            if not any(cell.strip() for cell in cells):
                continue
            yield line, {name: cells[i] if i < len(cells) else "" for name, i in columns.items()}
            if on_progress and line % 500 == 0:
                on_progress(counter.bytes_read, line)
    except csv.Error as error:
        raise unusable(
            _("Line %(line)d cannot be read: %(error)s")
            % {"line": reader.line_num + 1, "error": error}
        ) from None
    if on_progress:
        on_progress(size, reader.line_num + 1)


def _check_zip(stream: IO[bytes], unusable: Callable[[str], RuleViolation]) -> None:
    try:
        archive = zipfile.ZipFile(stream)
    except zipfile.BadZipFile:
        raise unusable(_("The file is not an XLSX workbook (it is no zip archive).")) from None
    members = archive.infolist()
    unpacked = sum(member.file_size for member in members)
    if len(members) > MAX_ZIP_MEMBERS or unpacked > MAX_UNPACKED_BYTES:
        raise unusable(_("The workbook unpacks into more than the import reads; nothing was read."))
    if "xl/workbook.xml" not in {member.filename for member in members}:
        raise unusable(_("The file is not an XLSX workbook (it has no workbook part)."))
    stream.seek(0)


def xlsx_rows(
    stream: IO[bytes],
    *,
    header: Header,
    unusable_code: str,
    on_progress: Progress | None = None,
) -> Iterator[Row]:
    """The first worksheet; dates may be date cells or text, numbers number cells or text."""
    from openpyxl import load_workbook  # only the XLSX import needs it

    unusable = _refusal(unusable_code)
    _check_zip(stream, unusable)
    try:
        workbook = load_workbook(stream, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a broken workbook
        raise unusable(
            _("The workbook cannot be read: %(error)s") % {"error": type(error).__name__}
        ) from None
    try:
        sheet = workbook.worksheets[0]
        total = sheet.max_row or 0
        rows = sheet.iter_rows(values_only=True)
        columns: dict[str, int] | None = None
        for line, values in enumerate(rows, start=1):
            cells = ["" if value is None else value for value in values]
            if columns is None:
                if any(str(cell).strip() for cell in cells):
                    columns = header([str(cell) for cell in cells])
                continue
            if not any(str(cell).strip() for cell in cells):
                continue
            yield line, {name: cells[i] if i < len(cells) else "" for name, i in columns.items()}
            if on_progress and line % 500 == 0:
                on_progress(line, max(total, line))
        if columns is None:
            raise unusable(_("The worksheet is empty."))
        if on_progress:
            on_progress(total, total)
    finally:
        workbook.close()
