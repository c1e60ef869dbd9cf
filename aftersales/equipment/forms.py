"""Forms only collect what is typed; the rules run in rules.py, the services and selectors."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from aftersales.portal.forms import TextInputsMixin
from aftersales.vehicles.models import VehicleBrand

MIN_REQUEST_ROWS = 3


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class SearchForm(TextInputsMixin, forms.Form):
    q = forms.CharField(
        label=_("Tool number or words"),
        max_length=100,
        required=False,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "placeholder": _("e.g. 83 30 or brake")}
        ),
    )
    brand = forms.ChoiceField(
        label=_("Brand"),
        required=False,
        choices=[("", _("All brands")), *VehicleBrand.choices],
    )


class InventoryForm(TextInputsMixin, forms.Form):
    tool_number = forms.CharField(
        label=_("Tool number"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "placeholder": "83 30 0 494 060"}),
    )
    serial_number = forms.CharField(label=_("Serial number"), max_length=60, required=False)
    last_calibrated_on = forms.DateField(
        label=_("Last calibration"),
        required=False,
        widget=DateInput(),
        help_text=_("YYYY-MM-DD; empty when the tool needs none or it was never calibrated."),
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=200,
        required=False,
        help_text=_("e.g. where it is kept"),
    )


class InventoryChangeForm(InventoryForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["tool_number"]


class RequestForm(TextInputsMixin, forms.Form):
    """Rows of tool number + quantity (as many as were pre-filled, at least three), a note, and
    the vehicle the tools are for when the request comes from its order base."""

    note = forms.CharField(
        label=_("Note"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    vin = forms.CharField(max_length=17, required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, rows: int = MIN_REQUEST_ROWS, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        data = args[0] if args else kwargs.get("data")
        if data is not None:
            rows = max(rows, sum(1 for key in data if str(key).startswith("number_")))
        self.row_count = min(max(rows, MIN_REQUEST_ROWS), 20)
        for index in range(1, self.row_count + 1):
            self.fields[f"number_{index}"] = forms.CharField(
                label=_("Tool number"),
                max_length=40,
                required=False,
                widget=forms.TextInput(attrs={"autocomplete": "off"}),
            )
            self.fields[f"quantity_{index}"] = forms.CharField(
                label=_("Quantity"),
                max_length=3,
                required=False,
                initial="1",
                widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "eq-qty"}),
            )

    def rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [
            (self[f"number_{index}"], self[f"quantity_{index}"])
            for index in range(1, self.row_count + 1)
        ]

    def items(self) -> list[tuple[str, str]]:
        data = self.cleaned_data
        return [
            (data.get(f"number_{index}", ""), data.get(f"quantity_{index}", "") or "1")
            for index in range(1, self.row_count + 1)
            if data.get(f"number_{index}", "").strip()
        ]


class QuickRequestForm(TextInputsMixin, forms.Form):
    quantity = forms.CharField(label=_("Quantity"), max_length=3, initial="1")


class ImportUploadForm(TextInputsMixin, forms.Form):
    """An upload of the back office; its size is checked before the body is read."""

    file = forms.FileField(
        label=_("Tool catalogue (CSV or XLSX)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,.xlsx"}),
    )
