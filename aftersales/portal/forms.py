"""What every form of the portal shares."""

from __future__ import annotations

from django import forms

from aftersales.portal.errors import RuleViolation


def add_violation(form: forms.Form, violation: RuleViolation) -> None:
    """Puts a rule violation next to its field (or above the form), code first."""
    field = violation.field if violation.field in form.fields else None
    form.add_error(field, f"{violation.code} {violation.message}")
