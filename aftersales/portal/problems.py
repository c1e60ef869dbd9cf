"""The one registry of problem codes: every code a rule or the API can answer with, as data.

A code has one HTTP status, one short English title (the `title` of the API's problem
documents, RFC 9457: stable, not translated) and a meaning (translated; the list at
/api/problems/ shows it). Each app declares its own codes in its `codes.py`:

    from django.utils.translation import gettext_lazy as _
    from aftersales.portal.problems import register

    INSUFFICIENT_CREDIT = register(
        "BIL-0002", status=422, title="Not enough credits", meaning=_("The balance ...")
    )

and raises `RuleViolation(codes.INSUFFICIENT_CREDIT, message)`: the violation's status defaults
to the registered one. `PortalConfig.ready()` imports the `codes` module of every installed
app, so the registry is complete before the first request. tests/portal/test_problem_codes.py
fails when a raised code is not registered, or a registered code is never used.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from django.utils.functional import Promise

# A prefix naming the app or family (SH, BIL, API, ACCESS, ...) and four digits.
CODE_FORMAT = re.compile(r"^[A-Z]{2,6}-[0-9]{4}$")


class UnknownProblemCode(LookupError):
    """A code that no app's codes.py registers: a programming error, found by the tests."""


@dataclass(frozen=True)
class ProblemCode:
    code: str
    status: int
    title: str
    meaning: str | Promise

    @property
    def sort_key(self) -> tuple[str, str]:
        prefix, _sep, number = self.code.partition("-")
        return prefix, number


class ProblemRegistry:
    def __init__(self) -> None:
        self._codes: dict[str, ProblemCode] = {}

    def register(self, code: str, *, status: int, title: str, meaning: str | Promise) -> str:
        """Declares a code once; returns it, for the codes module's constant."""
        if not CODE_FORMAT.match(code):
            raise ValueError(f"Problem code {code!r} is not of the form PREFIX-0000.")
        if not 400 <= status <= 599:
            raise ValueError(f"Problem code {code}: {status} is not an error status.")
        if code in self._codes:
            raise ValueError(f"Problem code {code} is registered twice.")
        self._codes[code] = ProblemCode(code=code, status=status, title=title, meaning=meaning)
        return code

    def get(self, code: str) -> ProblemCode:
        try:
            return self._codes[code]
        except KeyError:
            raise UnknownProblemCode(
                f"Problem code {code!r} is not registered: declare it in its app's codes.py."
            ) from None

    def __contains__(self, code: object) -> bool:
        return code in self._codes

    def __iter__(self) -> Iterator[ProblemCode]:
        """Every code, ordered by prefix and number."""
        return iter(sorted(self._codes.values(), key=lambda problem: problem.sort_key))


REGISTRY = ProblemRegistry()
register = REGISTRY.register
get = REGISTRY.get


def autodiscover() -> None:
    """Imports the `codes` module of every installed app (each registers its codes)."""
    from django.utils.module_loading import autodiscover_modules

    autodiscover_modules("codes")
