"""What the tool imports share: the size limit of the back office, the result with
line-numbered rejects, and the two file-level refusals (EQ-0040, EQ-0041)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _

from aftersales.portal.errors import RuleViolation

from .. import codes

# The back office refuses larger uploads before reading them (the management command reads any
# size from disk, streamed). settings.TOOL_IMPORT_MAX_BYTES may change it (tests).
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
BATCH_SIZE = 500  # rows written in one transaction
MAX_REPORTED = 500  # rejects kept with their reason; the rest are only counted


def max_upload_bytes() -> int:
    return int(getattr(settings, "TOOL_IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES))


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def too_large(size: int) -> RuleViolation:
    return RuleViolation(
        codes.FILE_TOO_LARGE,
        _(
            "The file is %(size)s; the back office imports files of at most %(limit)s. Nothing "
            "was read. Import it on the server with the management command import_tools."
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

    def reject(self, line: int, value: str, reason: str) -> None:
        self.rejected.append(Reject(line, value[:60], reason))
