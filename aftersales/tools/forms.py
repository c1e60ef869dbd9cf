from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from aftersales.portal.forms import TextInputsMixin


class LaunchForm(TextInputsMixin, forms.Form):
    version = forms.ChoiceField(
        label=_("Installed version"),
        help_text=_("The version of the tool on this workshop PC."),
    )

    def __init__(self, *args: Any, versions: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["version"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(version, version) for version in versions]
