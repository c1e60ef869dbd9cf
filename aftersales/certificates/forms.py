from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from aftersales.portal.forms import TextInputsMixin


class IssueForm(TextInputsMixin, forms.Form):
    include_comments = forms.BooleanField(
        label=_("The owner agreed that the comments of the entries are shown on the certificate"),
        required=False,
        help_text=_("Without it the certificate shows no comment (it proves them by hash only)."),
    )


class RevokeForm(TextInputsMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason for the revocation"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Shown on the verify page, e.g. 'Issued for the wrong vehicle'."),
    )


class VerifyForm(TextInputsMixin, forms.Form):
    code = forms.CharField(
        label=_("Verification code"),
        max_length=40,
        help_text=_("The 20 characters printed under the QR code, with or without dashes."),
    )
