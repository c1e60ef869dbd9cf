"""What every app's pages share about forms."""

from __future__ import annotations

from django import forms
from django.core.validators import ProhibitNullCharactersValidator

from .errors import RuleViolation
from .text import TextValidator


def add_violation(form: forms.BaseForm, violation: RuleViolation) -> None:
    """Puts a rule violation next to its field (or above the form when the form has no such
    field), code first: "IPL-0051 The kilometre entered is invalid. ..."."""
    field = violation.field if violation.field in form.fields else None
    form.add_error(field, str(violation))


def text_field_guard(field: forms.Field) -> None:
    """Gives a text field the portal's text rule (aftersales/portal/text.py): multi-line
    when its widget is a Textarea, else one line. Django's own NUL check goes, since the rule
    covers it with a code."""
    if not isinstance(field, forms.CharField):
        return
    multiline = isinstance(field.widget, forms.Textarea)
    validators = [
        validator
        for validator in field.validators
        if not isinstance(validator, ProhibitNullCharactersValidator | TextValidator)
    ]
    field.validators = [*validators, TextValidator(multiline=multiline)]


class TextInputsMixin:
    """Every text field of the form refuses control characters (TEXT-0001) and, unless it
    is a Textarea, line breaks (TEXT-0002); the form comes back with everything typed.

    Applied just before cleaning, so fields added in a subclass's __init__ are covered too.
    Every form of the portal and the back office has it (tests/portal/test_text_inputs.py).
    """

    fields: dict[str, forms.Field]

    def full_clean(self) -> None:
        for field in self.fields.values():
            text_field_guard(field)
        super().full_clean()  # type: ignore[misc]


class Form(TextInputsMixin, forms.Form):
    """The base of the portal's forms."""


class ModelForm(TextInputsMixin, forms.ModelForm):
    """The base of the portal's model forms, and the back office's default form."""
