"""The back office's forms: one document with its file, a new version, a ZIP to import, a
withdrawal, the statistics' period. They collect text; rows.py and the services check it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from aftersales import clock
from aftersales.portal.errors import RuleViolation
from aftersales.portal.forms import TextInputsMixin, add_violation
from aftersales.vehicles.models import VehicleBrand

from .models import DocumentKind, DocumentLanguage
from .rows import COLUMNS, document_data
from .services import DocumentData

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise


def _text(name: str, label: str | _StrPromise, **kwargs: Any) -> forms.CharField:
    return forms.CharField(label=label, help_text=COLUMNS[name], required=False, **kwargs)


class DocumentUploadForm(TextInputsMixin, forms.Form):
    """One document with its first version: the same fields as a line of the manifest."""

    file = forms.FileField(label=_("File"), help_text=_("PDF, HTML page (.html) or image."))
    number = _text("number", _("Document number"), max_length=40)
    kind = forms.ChoiceField(label=_("Kind"), choices=DocumentKind.choices)
    title = _text("title", _("Title"), max_length=400)
    language = forms.ChoiceField(label=_("Language"), choices=DocumentLanguage.choices)
    version = _text("version", _("Version"), max_length=30, initial="1")
    valid_from = _text("valid_from", _("Valid from"), max_length=20)
    note = _text("note", _("What changed"), max_length=300)
    brand = forms.ChoiceField(
        label=_("Brand"), choices=[("", "–"), *VehicleBrand.choices], required=False
    )
    series = _text("series", _("Series"), max_length=200)
    model_codes = _text("model_codes", _("Model codes"), max_length=200)
    engines = _text("engines", _("Engine types"), max_length=200)
    options = _text("options", _("Options"), max_length=200)
    produced_from = _text("produced_from", _("Produced from"), max_length=20)
    produced_to = _text("produced_to", _("Produced until"), max_length=20)
    fault_codes = _text("fault_codes", _("Fault codes"), max_length=400)
    campaigns = _text("campaigns", _("Technical campaigns"), max_length=400)
    labour_operations = _text("labour_operations", _("Labour operations"), max_length=400)
    parts = _text("parts", _("Parts"), max_length=400)
    tools = _text("tools", _("Special tools"), max_length=400)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["valid_from"].initial = clock.today().isoformat()
        self.data_read: DocumentData | None = None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not self.errors:
            row = {name: str(cleaned.get(name) or "") for name in COLUMNS if name != "file"}
            try:
                self.data_read = document_data(row, today=clock.today())
            except RuleViolation as violation:
                add_violation(self, violation)
        return cleaned


class VersionForm(TextInputsMixin, forms.Form):
    file = forms.FileField(label=_("File"), help_text=_("PDF, HTML page (.html) or image."))
    version = forms.CharField(label=_("Version"), max_length=30)
    valid_from = forms.DateField(
        label=_("Valid from"), help_text=_("YYYY-MM-DD"), input_formats=["%Y-%m-%d"]
    )
    note = forms.CharField(label=_("What changed"), max_length=300, required=False)


class ImportForm(TextInputsMixin, forms.Form):
    file = forms.FileField(
        label=_("ZIP file"), help_text=_("The documents' files and one manifest.csv.")
    )


class WithdrawForm(TextInputsMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        required=False,
        help_text=_("Shown in the back office only, e.g. “superseded by RA 11 42 051”."),
    )


class PeriodForm(TextInputsMixin, forms.Form):
    since = forms.DateField(label=_("From"), input_formats=["%Y-%m-%d"], required=False)
    until = forms.DateField(label=_("Until"), input_formats=["%Y-%m-%d"], required=False)
