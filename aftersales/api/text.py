"""The string types of the API's bodies and queries: the portal's text rule
(aftersales/portal/text.py) as pydantic types.

    comment: MultilineText = Field("", max_length=2000)   # tab, CR and LF allowed
    tool_id: Text = Field(min_length=1, max_length=40)      # one line

A control character is refused with the problem code TEXT-0001, a line break in a one-line
string with TEXT-0002 (422, the field named in `field` and `errors`). Every `str` of an input
schema is one of these (tests/api/test_text.py checks each operation).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

from aftersales.portal.text import text_violation


def _rule(*, multiline: bool) -> Callable[[Any], Any]:
    def check(value: Any) -> Any:
        if not isinstance(value, str):  # the int of `IntOrText`
            return value
        violation = text_violation(value, multiline=multiline)
        if violation is not None:
            # The error's type is the problem code; aftersales.api.problems answers with it.
            raise PydanticCustomError(violation.code, "{message}", {"message": violation.message})
        return value

    check.__name__ = "multiline_text" if multiline else "one_line_text"
    return check


_ONE_LINE = AfterValidator(_rule(multiline=False))
_MULTILINE = AfterValidator(_rule(multiline=True))

Text = Annotated[str, _ONE_LINE]
MultilineText = Annotated[str, _MULTILINE]
# A number sent as a number or as text ("129500"; the rules say what is wrong with "129a").
IntOrText = Annotated[int | str, _ONE_LINE]


def is_text_rule(item: Any) -> bool:
    """True for the validator of Text or MultilineText (the tests look for it)."""
    return item is _ONE_LINE or item is _MULTILINE
