"""What every app's pages share about forms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import ProhibitNullCharactersValidator
from django.db import connection, models
from django.utils.datastructures import MultiValueDict

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


def possible_id(raw: object, target: models.Field[Any, Any]) -> bool:
    """Whether `raw` can be a value of the integer field `target` (an id): digits within the
    field's range; anything for a field that is not an integer."""
    if not isinstance(target, models.IntegerField | models.AutoField):
        return True
    text = str(raw).strip()
    if text in ("", "None"):
        return True
    if not text.lstrip("-").isdigit():
        return False
    low, high = connection.ops.integer_field_range(target.get_internal_type())
    number = int(text)
    return (low is None or number >= low) and (high is None or number <= high)


def impossible_ids_drop(form: forms.BaseForm) -> dict[str, str]:
    """Takes out of a bound form's data what a choice of objects by integer id cannot be
    ("abc", 2^63 for a 64-bit id): querying with it fails (ValueError, OverflowError) while the
    form is cleaned or shown again, which was a 500 (docs/security-probe.md). Returns the
    fields that lost a value, each with the first value dropped: they get Django's "not one of
    the available choices" error."""
    if not form.is_bound or not isinstance(form.data, MultiValueDict):
        return {}
    dropped: dict[str, str] = {}
    data: MultiValueDict[str, Any] | None = None
    for name, field in form.fields.items():
        if not isinstance(field, forms.ModelChoiceField) or field.disabled:
            continue
        if field.queryset is None:
            continue
        model = field.queryset.model
        key = field.to_field_name or model._meta.pk.name
        target = model._meta.get_field(key)
        html_name = form.add_prefix(name)
        values = form.data.getlist(html_name)
        kept = [value for value in values if possible_id(value, target)]
        if len(kept) != len(values):
            if data is None:
                data = form.data.copy()
            data.setlist(html_name, kept)
            dropped[name] = next(str(v) for v in values if v not in kept)[:50]
    if data is not None:
        form.data = data
    return dropped


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
        dropped = impossible_ids_drop(self)  # type: ignore[arg-type]
        super().full_clean()  # type: ignore[misc]
        for name, value in dropped.items():
            message = self.fields[name].error_messages["invalid_choice"]
            self.add_error(  # type: ignore[attr-defined]
                name,
                forms.ValidationError(message, code="invalid_choice", params={"value": value}),
            )


class Form(TextInputsMixin, forms.Form):
    """The base of the portal's forms."""


class ModelForm(TextInputsMixin, forms.ModelForm):
    """The base of the portal's model forms, and the back office's default form."""
