"""The error every domain rule raises, for pages and API alike.

A rule violation carries a stable code (e.g. "IPL-0051"), the message in the active language and,
when one field is to blame, that field's name. Pages put the message next to the field; the API
turns it into application/problem+json with the same code.
"""

from __future__ import annotations


class RuleViolation(Exception):
    def __init__(
        self,
        code: str,
        message: str,
        *,
        field: str | None = None,
        status: int = 422,
        extra: dict[str, object] | None = None,
    ) -> None:
        super().__init__(f"{code} {message}")
        self.code = code
        self.message = message
        self.field = field
        self.status = status
        self.extra = extra or {}

    def __str__(self) -> str:
        return f"{self.code} {self.message}"
