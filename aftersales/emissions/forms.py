"""Forms only collect what is typed; the rules run in rules.py and the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from aftersales.portal.errors import RuleViolation
from aftersales.portal.forms import TextInputsMixin

from .rules import Nominal
from .services import RecordInput

READINESS_CHOICES = [
    ("", _("– please choose –")),
    ("complete", _("complete (every supported monitor)")),
    ("incomplete", _("not complete")),
]
MIL_CHOICES = [("", _("– please choose –")), ("off", _("off")), ("on", _("on"))]


class VinForm(TextInputsMixin, forms.Form):
    vin = forms.CharField(
        label=_("Vehicle identification number"),
        max_length=40,
        required=False,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "placeholder": "WBAUV71070A193748"}
        ),
    )


class RecordForm(TextInputsMixin, forms.Form):
    """Record test: the measured values of the quantities with a nominal value for this
    vehicle, the OBD state when no fault memory report gives it, tester and instrument."""

    tested_at = forms.CharField(
        label=_("Time of the test"),
        max_length=30,
        required=False,
        help_text=_("YYYY-MM-DD HH:MM"),
    )
    mileage = forms.CharField(
        label=_("Mileage (in kilometers)"),
        max_length=20,
        required=False,
        help_text=_("(only numbers e.g.: 10000)"),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    tester = forms.CharField(label=_("Tester"), max_length=100, required=False)
    instrument_id = forms.CharField(
        label=_("Instrument id"),
        max_length=100,
        required=False,
        help_text=_("The exhaust gas analyser or opacimeter used, e.g. its serial number."),
    )

    def __init__(self, *args: Any, nominals: list[Nominal], ask_obd: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.nominals = nominals
        for nominal in nominals:
            quantity = nominal.quantity
            unit = f" ({quantity.unit})" if quantity.unit != "λ" else ""
            text = nominal.text()
            self.fields[f"measured_{quantity.key}"] = forms.CharField(
                label=f"{quantity.label}{unit}",
                max_length=20,
                required=False,
                help_text=_("Nominal: %(value)s") % {"value": text}
                if text
                else _("no nominal value"),
                widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
            )
        self.ask_obd = ask_obd
        if ask_obd:
            self.fields["obd_ready"] = forms.ChoiceField(
                label=_("OBD readiness"), choices=READINESS_CHOICES, required=False
            )
            self.fields["mil_on"] = forms.ChoiceField(
                label=_("MIL (malfunction indicator lamp)"), choices=MIL_CHOICES, required=False
            )

    def measured_fields(self) -> list[forms.BoundField]:
        return [self[f"measured_{nominal.quantity.key}"] for nominal in self.nominals]

    def test_input(self) -> RecordInput:
        data = self.cleaned_data
        ready = data.get("obd_ready", "")
        mil = data.get("mil_on", "")
        return RecordInput(
            tested_at=data.get("tested_at", ""),
            mileage=data.get("mileage", ""),
            tester=data.get("tester", ""),
            instrument_id=data.get("instrument_id", ""),
            measured={
                nominal.quantity.key: data.get(f"measured_{nominal.quantity.key}", "")
                for nominal in self.nominals
            },
            obd_ready=None if not ready else ready == "complete",
            mil_on=None if not mil else mil == "on",
        )

    def add_violation(self, violation: RuleViolation) -> None:
        field = violation.field if violation.field in self.fields else None
        self.add_error(field, str(violation))


class ImportUploadForm(TextInputsMixin, forms.Form):
    file = forms.FileField(
        label=_("Nominal values (CSV or XLSX)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,.xlsx"}),
    )
