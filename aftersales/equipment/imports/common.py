"""What the tool imports share beyond aftersales.portal.imports: their size limit, the result
with line-numbered rejects, and the two file-level refusals (EQ-0040, EQ-0041)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings

from aftersales.portal import imports
from aftersales.portal.errors import RuleViolation
from aftersales.portal.imports import Reject, megabytes

from .. import codes

__all__ = ["Reject", "megabytes"]

# The back office refuses larger uploads before reading them (the management command reads any
# size from disk, streamed). settings.TOOL_IMPORT_MAX_BYTES may change it (tests).
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
BATCH_SIZE = 500  # rows written in one transaction


def max_upload_bytes() -> int:
    return int(getattr(settings, "TOOL_IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES))


def too_large(size: int) -> RuleViolation:
    return imports.file_too_large(
        codes.FILE_TOO_LARGE, size=size, limit=max_upload_bytes(), command="import_tools"
    )


def unusable(message: str) -> RuleViolation:
    return RuleViolation(codes.FILE_UNUSABLE, message, field="file")


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[Reject] = field(default_factory=list)
    lines: int = 0

    def reject(self, line: int, value: str, reason: str) -> None:
        self.rejected.append(Reject(line, value[:60], reason))
