"""What every app's pages share about forms."""

from __future__ import annotations

from django import forms

from .errors import RuleViolation


def add_violation(form: forms.BaseForm, violation: RuleViolation) -> None:
    """Puts a rule violation next to its field (or above the form when the form has no such
    field), code first: "IPL-0051 The kilometre entered is invalid. ..."."""
    field = violation.field if violation.field in form.fields else None
    form.add_error(field, str(violation))
