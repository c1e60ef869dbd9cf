from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from aftersales.portal.forms import Form


class CodeForm(Form):
    """A code of the authenticator app (six digits) or a recovery code."""

    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )


class RecoveryCodeForm(Form):
    code = forms.CharField(
        label=_("Recovery code"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )


class TotpConfirmForm(Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=64,
        required=False,
        help_text=_('e.g. "Phone in the workshop"'),
    )
    code = forms.CharField(
        label=_("Code from the app"),
        max_length=10,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class PasskeyForm(Form):
    name = forms.CharField(
        label=_("Name"), max_length=64, required=False, help_text=_('e.g. "YubiKey" or "Laptop"')
    )
    credential = forms.CharField(max_length=20000, widget=forms.HiddenInput, required=False)


class PasskeyAnswerForm(Form):
    credential = forms.CharField(max_length=20000, widget=forms.HiddenInput, required=False)
