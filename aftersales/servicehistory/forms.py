"""Forms only collect what is typed; every rule is checked by the services (rules.py)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from aftersales.portal.forms import TextInputsMixin


def _offer_positions(form: forms.Form, choices: list[tuple[str, str]]) -> None:
    """The CBS positions of the vehicle at hand are the choices of the form's `positions`."""
    positions = form.fields["positions"]
    assert isinstance(positions, forms.MultipleChoiceField)
    positions.choices = choices


class VinForm(TextInputsMixin, forms.Form):
    vin = forms.CharField(
        label=_("VIN entry"),
        max_length=40,
        required=False,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "placeholder": "WBAUV71070A193748"}
        ),
    )


class ServiceDataForm(TextInputsMixin, forms.Form):
    positions = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple)
    mileage = forms.CharField(
        label=_("Mileage (in kilometers)"),
        required=False,
        max_length=20,
        help_text=_("(only numbers e.g.: 10000)"),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    maintenance_date = forms.CharField(
        label=_("Maintenance date"),
        required=False,
        max_length=20,
        help_text=_("(ISO date format: YYYY-MM-DD)"),
    )
    confirm_mileage_jump = forms.BooleanField(
        label=_("I have checked the mileage: it is correct."), required=False
    )

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _offer_positions(self, choices)


class OrderBaseForm(TextInputsMixin, forms.Form):
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    consent = forms.BooleanField(label=_("Consent to data storage"), required=False)


class CorrectionForm(TextInputsMixin, forms.Form):
    positions = forms.MultipleChoiceField(
        label=_("Positions done"), required=False, widget=forms.CheckboxSelectMultiple
    )
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _offer_positions(self, choices)


class CancellationForm(TextInputsMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason for the cancellation"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
