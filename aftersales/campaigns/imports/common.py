"""What both campaign imports share beyond aftersales.portal.imports: their size limit, their
two file-level refusals (TC-0020, TC-0021) and their result."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.conf import settings

from aftersales.portal import imports
from aftersales.portal.errors import RuleViolation
from aftersales.portal.imports import CountingStream, Reject, decode, megabytes

from .. import codes

__all__ = ["CountingStream", "Reject", "decode", "megabytes"]

# The back office refuses larger uploads before reading them (the management commands read
# any size from disk, streamed). settings.CAMPAIGN_IMPORT_MAX_BYTES may change it (tests).
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
BATCH_SIZE = 1000


def max_upload_bytes() -> int:
    return int(getattr(settings, "CAMPAIGN_IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES))


def too_large(size: int) -> RuleViolation:
    return imports.file_too_large(
        codes.FILE_TOO_LARGE, size=size, limit=max_upload_bytes(), command="import_campaign_vins"
    )


def unusable(message: str) -> RuleViolation:
    return RuleViolation(codes.FILE_UNUSABLE, message, field="file")


def numbered_lines(stream: CountingStream) -> Iterator[tuple[int, str]]:
    return imports.numbered_lines(stream, unusable_code=codes.FILE_UNUSABLE)


@dataclass
class ImportResult:
    imported: int = 0  # VINs added / campaigns created
    updated: int = 0  # campaigns whose data changed (NHTSA)
    unchanged: int = 0  # already there as the line says
    skipped: int = 0  # lines that are not for this portal (NHTSA: other makes, equipment)
    rejected: list[Reject] = field(default_factory=list)
    lines: int = 0

    def reject(self, line: int, value: str, reason: str) -> None:
        self.rejected.append(Reject(line, value[:60], reason))


Progress = Callable[[int, int], None]  # (bytes read so far, lines read so far)
