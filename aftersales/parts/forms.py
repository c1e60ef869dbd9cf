"""Forms only collect what is typed; the rules run in rules.py, selectors and services."""

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
    q = forms.CharField(label=_("Part number or words"), max_length=200, required=False)


class AddPartForm(TextInputsMixin, forms.Form):
    """“Add to order”: a part number and its quantity (checked by rules.parse_quantity)."""

    number = forms.CharField(max_length=40)
    quantity = forms.CharField(label=_("Quantity"), max_length=20, required=False)


class ImportUploadForm(TextInputsMixin, forms.Form):
    """An upload of the back office; its size is checked before the body is read (admin)."""

    file = forms.FileField(label=_("File"))


class IllustrationUploadForm(TextInputsMixin, forms.Form):
    image = forms.FileField(label=_("SVG or PNG file"))
