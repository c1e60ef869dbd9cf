"""What the parts imports share beyond aftersales.portal.imports: their size limit, their two
file-level refusals (EPC-0020, EPC-0021) and their result."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.conf import settings

from aftersales.portal import imports
from aftersales.portal.errors import RuleViolation
from aftersales.portal.imports import CountingStream, Reject, decode, megabytes

from .. import codes

__all__ = ["CountingStream", "Reject", "decode", "megabytes"]

# settings.PARTS_IMPORT_MAX_BYTES may change it (tests); 100,000 catalogue lines are ~15 MB.
DEFAULT_MAX_BYTES = 100 * 1024 * 1024
BATCH_SIZE = 2000


def max_upload_bytes() -> int:
    return int(getattr(settings, "PARTS_IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES))


def too_large(size: int) -> RuleViolation:
    return imports.file_too_large(
        codes.FILE_TOO_LARGE, size=size, limit=max_upload_bytes(), command="import_parts"
    )


def unusable(message: str) -> RuleViolation:
    return RuleViolation(codes.FILE_UNUSABLE, message, field="file")


def numbered_lines(stream: CountingStream) -> Iterator[tuple[int, str]]:
    return imports.numbered_lines(stream, unusable_code=codes.FILE_UNUSABLE)


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
