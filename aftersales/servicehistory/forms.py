"""Forms only collect what is typed; every rule is checked by the services (rules.py)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class VinForm(forms.Form):
    vin = forms.CharField(
        label=_("VIN entry"),
        max_length=40,
        required=False,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "placeholder": "WBAUV71070A193748"}
        ),
    )


class ServiceDataForm(forms.Form):
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

    def __init__(self, *args: object, choices: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["positions"].choices = choices  # type: ignore[attr-defined]


class OrderBaseForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    consent = forms.BooleanField(label=_("Consent to data storage"), required=False)


class CorrectionForm(forms.Form):
    positions = forms.MultipleChoiceField(
        label=_("Positions done"), required=False, widget=forms.CheckboxSelectMultiple
    )
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args: object, choices: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["positions"].choices = choices  # type: ignore[attr-defined]


class CancellationForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the cancellation"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
