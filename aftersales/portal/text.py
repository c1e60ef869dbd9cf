"""The one rule for every text a user or a system sends: no control characters.

A NUL (U+0000) cannot be stored by PostgreSQL and is silently cut by SQLite; the other control
characters (U+0001-U+001F, U+007F-U+009F) are invisible, break e-mail headers, CSV and PDF
output, and are never typed on purpose. A one-line field (a name, a number, an e-mail
address) also refuses line breaks: in an e-mail subject or a header they would end the line.

Tab is allowed everywhere; CR and LF only in multi-line fields (comments, reasons, notes).
Forms get the rule through `aftersales.portal.forms.TextInputsMixin` (every Form and
ModelForm of the portal and the back office), the API through the annotated string types of
`aftersales.api.text`, URL parameters and query strings through
`aftersales.portal.middleware.ControlCharacterMiddleware`. All of them call `text_violation`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _

from . import codes
from .errors import RuleViolation

# C0 controls except tab, LF and CR; DEL; the C1 controls.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# LF, CR and the Unicode line and paragraph separators.
_LINE_BREAK = re.compile(r"[\n\r\u2028\u2029]")


def text_violation(
    value: str, *, multiline: bool, field: str | None = None
) -> RuleViolation | None:
    """The violation of the first refused character of `value`, or None when it is clean."""
    control = _CONTROL.search(value)
    if control is not None:
        return RuleViolation(
            codes.CONTROL_CHARACTER,
            _(
                "The text contains an invisible control character (U+%(char)04X) at position "
                "%(position)d. Please remove it; everything else you typed has been kept."
            )
            % {"char": ord(control.group()), "position": control.start() + 1},
            field=field,
        )
    if not multiline:
        line_break = _LINE_BREAK.search(value)
        if line_break is not None:
            return RuleViolation(
                codes.LINE_BREAK,
                _(
                    "This field takes one line: please remove the line break at position "
                    "%(position)d."
                )
                % {"position": line_break.start() + 1},
                field=field,
            )
    return None


def text_check(value: str, *, multiline: bool, field: str | None = None) -> str:
    """`value` unchanged, or RuleViolation TEXT-0001 / TEXT-0002 (for services and views)."""
    violation = text_violation(value, multiline=multiline, field=field)
    if violation is not None:
        raise violation
    return value


def has_control_characters(value: str) -> bool:
    """True when `value` holds a character that no field accepts (line breaks excepted)."""
    return _CONTROL.search(value) is not None


@deconstructible
class TextValidator:
    """The rule as a Django validator (forms): the message carries the code, as rule
    violations do on the pages ("TEXT-0001 The text contains ...")."""

    def __init__(self, *, multiline: bool) -> None:
        self.multiline = multiline

    def __call__(self, value: object) -> None:
        if not isinstance(value, str):
            return
        violation = text_violation(value, multiline=self.multiline)
        if violation is not None:
            raise ValidationError(str(violation), code=violation.code)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, TextValidator) and other.multiline == self.multiline

    def __hash__(self) -> int:
        return hash((TextValidator, self.multiline))


# URL parameters with a rule of their own: a control character in them is refused by that
# rule (its code, e.g. VIN-0001 for a VIN), every other parameter by TEXT-0001.
_PARAMETER_RULES: dict[str, Callable[[str], object]] = {}


def url_parameter_rule_register(name: str, rule: Callable[[str], object]) -> None:
    """`rule(value)` raises the RuleViolation of URL parameters called `name` (apps.ready())."""
    _PARAMETER_RULES[name] = rule


def url_parameter_violation(name: str, value: str) -> RuleViolation | None:
    """The violation of a URL parameter (a path's <vin>, a query's ?application=) holding a
    control character, or None. Line breaks pass: a lookup simply finds nothing."""
    if not has_control_characters(value):
        return None
    rule = _PARAMETER_RULES.get(name)
    if rule is not None:
        try:
            rule(value)
        except RuleViolation as violation:
            return violation
    return text_violation(value, multiline=True, field=name)
