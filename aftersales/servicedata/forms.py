"""Forms only collect what is typed; the rules run in rules.py, the services and selectors."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from aftersales.portal.forms import TextInputsMixin


class VinForm(TextInputsMixin, forms.Form):
    vin = forms.CharField(
        label=_("Vehicle identification number"),
        max_length=40,
        required=False,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "placeholder": "WBAUV71070A193748"}
        ),
    )


class SearchForm(TextInputsMixin, forms.Form):
    q = forms.CharField(
        label=_("Operation number or words"),
        max_length=100,
        required=False,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "placeholder": _("e.g. 11 42 or oil")}
        ),
    )


class QuantityForm(TextInputsMixin, forms.Form):
    """The quantity is text: "1,5" is as good as "1.5" (rules.parse_quantity decides)."""

    quantity = forms.CharField(label=_("Quantity"), max_length=10, required=False)
    q = forms.CharField(max_length=100, required=False)  # the search to return to


class ImportUploadForm(TextInputsMixin, forms.Form):
    """An upload of the back office; its size is checked before the body is read."""

    file = forms.FileField(
        label=_("Labour catalogue (CSV or XLSX)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,.xlsx"}),
    )
