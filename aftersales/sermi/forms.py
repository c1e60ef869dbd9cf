from __future__ import annotations

from pathlib import Path
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from aftersales.accounts.forms import (
    TRADE_LICENCE_MAX_BYTES,
    TRADE_LICENCE_SIGNATURES,
    TRADE_LICENCE_TYPES,
)
from aftersales.portal.forms import Form, ModelForm

from .models import SecurityAuthorisation


class AuthorisationForm(ModelForm):
    """The operator records an authorisation after checking the evidence (as the trade
    licence: PDF, JPEG or PNG, at most 5 MB, checked by its first bytes)."""

    class Meta:
        model = SecurityAuthorisation
        fields = [
            "user",
            "approval_number",
            "issuing_body",
            "valid_from",
            "valid_until",
            "evidence",
        ]

    def clean_evidence(self) -> Any:
        upload = self.cleaned_data.get("evidence")
        if upload and hasattr(upload, "content_type"):
            if upload.size > TRADE_LICENCE_MAX_BYTES:
                raise ValidationError(_("The file is larger than 5 MB."))
            signature = TRADE_LICENCE_SIGNATURES.get(Path(upload.name or "").suffix.lower())
            head = upload.read(8)
            upload.seek(0)
            if (
                upload.content_type not in TRADE_LICENCE_TYPES
                or signature is None
                or not head.startswith(signature)
            ):
                raise ValidationError(_("Please upload a PDF, JPEG or PNG file."))
        return upload


class WithdrawForm(Form):
    reason = forms.CharField(label=_("Reason for the withdrawal"), max_length=300)
