"""Forms only collect what is typed; the rules run in rules.py, the services and the search."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from aftersales.portal.forms import TextInputsMixin

from .models import DocumentKind, DocumentLanguage


class SearchForm(TextInputsMixin, forms.Form):
    search = forms.CharField(
        label=_("Search"),
        required=False,
        # Longer input is kept and refused by the search with IR-0002, not cut off.
        max_length=1000,
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "autocomplete": "off",
                "placeholder": _("e.g. oil filter, P0420, 11 42 7 953 129, 11 00 050"),
            }
        ),
    )
    vin = forms.CharField(
        label=_("Vehicle identification number"),
        required=False,
        max_length=40,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "placeholder": "WBAUV71070A193748"}
        ),
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *DocumentKind.choices]
    )
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[("", _("All languages")), *DocumentLanguage.choices],
    )
    page = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
