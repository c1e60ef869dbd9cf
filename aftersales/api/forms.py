from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ApiToken


class TokenCreateForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the token is for, e.g. “DMS workshop 1” or “ISTA bay 3”."),
    )
    scope = forms.ChoiceField(
        label=_("Scope"),
        choices=ApiToken.Scope.choices,
        initial=ApiToken.Scope.READ,
        widget=forms.RadioSelect,
        help_text=_(
            "Read: look up vehicles and history. Read and write: also store, cancel "
            "and confirm transfers."
        ),
    )
