"""Forms only collect what is typed; the rules run in the services, selectors and imports."""

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


class ImportUploadForm(TextInputsMixin, forms.Form):
    """An upload of the back office; its size is checked before the body is read (views)."""

    file = forms.FileField(label=_("File"))


class NhtsaImportForm(ImportUploadForm):
    publish = forms.BooleanField(
        label=_("Publish the imported campaigns"),
        required=False,
        help_text=_(
            "Otherwise they are imported as drafts: add the labour allowance and parts, then "
            "publish them."
        ),
    )
