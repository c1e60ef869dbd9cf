"""Forms only collect what is typed; every rule is checked by rules.py through the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from aftersales.portal.errors import RuleViolation
from aftersales.portal.forms import TextInputsMixin
from aftersales.servicehistory.models import ServiceEntry

from .models import CodeStatus, MonitorState, ReadinessMonitor
from .services import ReportInput

CODE_ROWS = 10


class CodeLookupForm(TextInputsMixin, forms.Form):
    code = forms.CharField(
        label=_("Fault code"),
        max_length=20,
        required=False,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "placeholder": "P0301"}
        ),
    )


class SearchForm(TextInputsMixin, forms.Form):
    search = forms.CharField(
        label=_("Words of the description"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("e.g. misfire cylinder 3")}),
    )


class VinForm(TextInputsMixin, forms.Form):
    vin = forms.CharField(
        label=_("Vehicle identification number"),
        max_length=40,
        required=False,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "placeholder": "WBAUV71070A193748"}
        ),
    )


def entry_label(entry: ServiceEntry) -> str:
    return f"{entry.number} · {entry.maintenance_date:%Y-%m-%d} · {entry.mileage_km} km"


class ServiceEntryChoiceMixin:
    fields: dict[str, forms.Field]

    def offer_entries(self, entries: list[ServiceEntry]) -> None:
        field = self.fields["service_entry"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("— none —")), *[(str(e.pk), entry_label(e)) for e in entries]]

    @staticmethod
    def entry_id(value: str) -> int | None:
        return int(value) if value and value.isdigit() else None


class AttachForm(ServiceEntryChoiceMixin, TextInputsMixin, forms.Form):
    service_entry = forms.ChoiceField(label=_("Service entry of this visit"), required=False)

    def __init__(self, *args: Any, entries: list[ServiceEntry], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.offer_entries(entries)


MONITOR_CHOICES = [("", _("— not read —")), *MonitorState.choices]
STATUS_CHOICES = CodeStatus.choices


class FaultReportForm(ServiceEntryChoiceMixin, TextInputsMixin, forms.Form):
    """A read-out typed from the diagnosis tool's screen: time, mileage, MIL, up to CODE_ROWS
    codes with their status, the readiness monitors. Fields are plain text so that nothing typed
    is lost and the rules give the coded messages."""

    read_at = forms.CharField(
        label=_("Time of the read-out"),
        max_length=30,
        required=False,
        help_text=_("(YYYY-MM-DD HH:MM)"),
    )
    mileage = forms.CharField(
        label=_("Mileage (in kilometers)"),
        max_length=20,
        required=False,
        help_text=_("(only numbers e.g.: 10000)"),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    tool_id = forms.CharField(label=_("Tool id"), max_length=200, required=False)
    mil_on = forms.BooleanField(label=_("MIL on (malfunction indicator lamp lit)"), required=False)
    service_entry = forms.ChoiceField(label=_("Service entry of this visit"), required=False)

    def __init__(self, *args: Any, entries: list[ServiceEntry], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.offer_entries(entries)
        for index in range(1, CODE_ROWS + 1):
            self.fields[f"code_{index}"] = forms.CharField(
                label=_("Fault code %(n)d") % {"n": index},
                max_length=20,
                required=False,
                widget=forms.TextInput(
                    attrs={"autocomplete": "off", "spellcheck": "false", "class": "fc-code-input"}
                ),
            )
            self.fields[f"status_{index}"] = forms.ChoiceField(
                label=_("Status of code %(n)d") % {"n": index},
                choices=STATUS_CHOICES,
                required=False,
            )
        for value, label in ReadinessMonitor.choices:
            self.fields[f"monitor_{value}"] = forms.ChoiceField(
                label=label, choices=MONITOR_CHOICES, required=False
            )

    def code_rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"code_{i}"], self[f"status_{i}"]) for i in range(1, CODE_ROWS + 1)]

    def monitor_fields(self) -> list[forms.BoundField]:
        return [self[f"monitor_{value}"] for value in ReadinessMonitor.values]

    def report_input(self) -> ReportInput:
        data = self.cleaned_data
        rows: list[tuple[int, str, str]] = [
            (index, data.get(f"code_{index}", ""), data.get(f"status_{index}", ""))
            for index in range(1, CODE_ROWS + 1)
        ]
        self._row_of_code = [index for index, code, _status in rows if code.strip()]
        return ReportInput(
            read_at=data.get("read_at", ""),
            mileage=data.get("mileage", ""),
            mil_on=bool(data.get("mil_on")),
            codes=[(code, status) for _index, code, status in rows if code.strip()],
            readiness={
                value: data[f"monitor_{value}"]
                for value in ReadinessMonitor.values
                if data.get(f"monitor_{value}")
            },
            tool_id=data.get("tool_id", ""),
            service_entry_id=self.entry_id(data.get("service_entry", "")),
        )

    def add_violation(self, violation: RuleViolation) -> None:
        """A rule's message next to its field: "codes.2" is the second code typed (which may
        sit in a later row), "readiness.catalyst" the catalyst monitor."""
        name = violation.field or ""
        if name.startswith("codes.") and name[6:].isdigit():
            position = int(name[6:])
            rows = getattr(self, "_row_of_code", [])
            name = f"code_{rows[position - 1]}" if 0 < position <= len(rows) else "code_1"
        elif name == "codes":
            name = "code_1"
        elif name.startswith("readiness."):
            name = f"monitor_{name[10:]}"
        elif name == "mileage_km":
            name = "mileage"
        self.add_error(name if name in self.fields else None, str(violation))
