from django import forms
from django.utils.translation import gettext_lazy as _

from aftersales.portal.forms import TextInputsMixin

from .models import ApiToken
from .services import PERSONAL_SCOPES


class TokenCreateForm(TextInputsMixin, forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the token is for, e.g. “DMS workshop 1” or “ISTA bay 3”."),
    )
    scope = forms.ChoiceField(
        label=_("Scope"),
        # Device tokens (key readers) are made in their application, not here.
        choices=[(scope.value, scope.label) for scope in PERSONAL_SCOPES],
        initial=ApiToken.Scope.READ,
        widget=forms.RadioSelect,
        help_text=_(
            "Read: look up vehicles and history. Read and write: also store, cancel "
            "and confirm transfers."
        ),
    )
