"""The one way a page shows a rule violation in its form."""

from __future__ import annotations

from django import forms

from aftersales.portal.errors import RuleViolation
from aftersales.portal.forms import add_violation


class MileageForm(forms.Form):
    mileage = forms.CharField(required=False)


def test_it_puts_a_violation_next_to_its_field_code_first() -> None:
    form = MileageForm({"mileage": "12a"})
    form.is_valid()
    add_violation(form, RuleViolation("IPL-0051", "Only digits, please.", field="mileage"))
    assert form.errors == {"mileage": ["IPL-0051 Only digits, please."]}


def test_it_puts_a_violation_of_a_field_the_form_lacks_above_the_form() -> None:
    form = MileageForm({"mileage": "1"})
    form.is_valid()
    add_violation(form, RuleViolation("BIL-0002", "Not enough credits.", field="amount"))
    assert form.non_field_errors() == ["BIL-0002 Not enough credits."]
