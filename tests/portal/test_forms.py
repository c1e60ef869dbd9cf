"""The one way a page shows a rule violation in its form."""

from __future__ import annotations

import pytest
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


# What the probe of the running portal found (docs/security-probe.md): a choice of objects by
# id with "abc" or 2^63 was a 500 (ValueError, OverflowError) in the back office.
@pytest.mark.django_db
@pytest.mark.parametrize("value", ["abc", str(2**63), "-" + str(2**63)])
def test_it_refuses_an_impossible_organisation_id_on_the_user_form(
    client_for, operator, value
) -> None:  # type: ignore[no-untyped-def]
    response = client_for(operator).post(
        "/back-office/accounts/user/add/",
        {"email": "new@example.com", "password1": "", "password2": "", "organisation": value},
    )
    assert response.status_code == 200
    assert "organisation" in response.context["adminform"].form.errors


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["abc", str(2**63)])
def test_it_refuses_an_impossible_permission_id(client_for, operator, value) -> None:  # type: ignore[no-untyped-def]
    response = client_for(operator).post(
        "/back-office/auth/group/add/", {"name": "Probe", "permissions": [value]}
    )
    assert response.status_code == 200
    assert "permissions" in response.context["adminform"].form.errors


@pytest.mark.django_db
def test_it_keeps_a_possible_id_for_the_field_to_judge(client_for, operator) -> None:  # type: ignore[no-untyped-def]
    response = client_for(operator).post(
        "/back-office/auth/group/add/", {"name": "Probe", "permissions": ["999999"]}
    )
    assert "999999" in str(response.context["adminform"].form.errors["permissions"])
