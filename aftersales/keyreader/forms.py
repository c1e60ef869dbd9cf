from django import forms
from django.utils.translation import gettext_lazy as _

from aftersales.portal.forms import TextInputsMixin

from .readout import MAX_FILE_BYTES


class KeyReadUploadForm(TextInputsMixin, forms.Form):
    file = forms.FileField(
        label=_("Read-out file"),
        help_text=_(
            "A key read as JSON in the documented form (the same as the API's body), at most "
            "%(max)d kB."
        )
        % {"max": MAX_FILE_BYTES // 1024},
        widget=forms.ClearableFileInput(attrs={"accept": ".json,application/json"}),
    )


class DeviceTokenForm(TextInputsMixin, forms.Form):
    name = forms.CharField(
        label=_("Name of the key reader"),
        max_length=100,
        help_text=_("Where it stands, e.g. “Reception desk 1”."),
    )
