"""What the imports share: reading a byte stream line by line (never the whole file), counting
the bytes for the progress bar, the result with line-numbered rejects, the size limit of the
back office (the management command reads any size from disk, streamed)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import IO

from django.conf import settings
from django.utils.translation import gettext as _

from aftersales.portal.errors import RuleViolation

from .. import codes

# settings.PARTS_IMPORT_MAX_BYTES may change it (tests); 100,000 catalogue lines are ~15 MB.
DEFAULT_MAX_BYTES = 100 * 1024 * 1024
BATCH_SIZE = 2000
MAX_REPORTED = 500  # rejects kept with their reason; the rest are only counted


def max_upload_bytes() -> int:
    return int(getattr(settings, "PARTS_IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES))


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def too_large(size: int) -> RuleViolation:
    return RuleViolation(
        codes.FILE_TOO_LARGE,
        _(
            "The file is %(size)s; the back office imports files of at most %(limit)s. Nothing "
            "was read. Split the file, or import it on the server with “manage.py "
            "import_parts”."
        )
        % {"size": megabytes(size), "limit": megabytes(max_upload_bytes())},
        field="file",
    )


def unusable(message: str) -> RuleViolation:
    return RuleViolation(codes.FILE_UNUSABLE, message, field="file")


@dataclass
class Reject:
    line: int
    value: str
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}{f' ({self.value})' if self.value else ''}: {self.reason}"

    def as_dict(self) -> dict[str, object]:
        return {"line": self.line, "value": self.value, "reason": self.reason}


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[Reject] = field(default_factory=list)
    lines: int = 0
    notes: list[str] = field(default_factory=list)  # e.g. "price list created inactive"

    def reject(self, line: int, value: str, reason: str) -> None:
        self.rejected.append(Reject(line, value[:60], reason))


Progress = Callable[[int, int], None]  # (bytes read so far, lines read so far)


class CountingStream:
    """Wraps a binary stream and counts the bytes read, for the progress bar: line by line
    (CSV, JSON Lines) or in blocks (the XML parser)."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream
        self.bytes_read = 0

    def __iter__(self) -> Iterator[bytes]:
        for raw in self.stream:
            self.bytes_read += len(raw)
            yield raw

    def read(self, size: int = -1) -> bytes:
        data = self.stream.read(size)
        self.bytes_read += len(data)
        return data

    def close(self) -> None:
        """The XML parser closes its source when done; the caller closes the file itself."""


def decode(raw: bytes) -> str:
    """One line as text: UTF-8 (with or without BOM), else Windows-1252."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    return text.rstrip("\r\n")


def numbered_lines(stream: CountingStream) -> Iterator[tuple[int, str]]:
    for number, raw in enumerate(stream, start=1):
        if b"\x00" in raw:
            raise unusable(
                _("Line %(line)d holds binary data: this is not a text file.") % {"line": number}
            )
        yield number, decode(raw)
