"""The error every domain rule raises, for pages and API alike.

A rule violation carries a stable code registered in `aftersales.portal.problems` (e.g.
"IPL-0051"), the message in the active language and, when one field is to blame, that field's
name. Its HTTP status is the code's registered one. Pages put the message next to the field
(`aftersales.portal.forms.add_violation`); the API turns it into application/problem+json with
the same code.
"""

from __future__ import annotations

from . import problems


class RuleViolation(Exception):
    def __init__(
        self,
        code: str,
        message: str,
        *,
        field: str | None = None,
        status: int | None = None,
        extra: dict[str, object] | None = None,
    ) -> None:
        """`code` must be registered (UnknownProblemCode otherwise); `status` defaults to the
        code's registered status."""
        registered = problems.get(code)
        super().__init__(f"{code} {message}")
        self.code = code
        self.message = message
        self.field = field
        self.status = registered.status if status is None else status
        self.extra = extra or {}

    def __str__(self) -> str:
        return f"{self.code} {self.message}"
