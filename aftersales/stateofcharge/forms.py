from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from aftersales.portal.forms import TextInputsMixin

from .rules import ReadingIn


class VinForm(TextInputsMixin, forms.Form):
    vin = forms.CharField(
        label=_("Vehicle identification number"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


class ReadingForm(TextInputsMixin, forms.Form):
    read_at = forms.DateTimeField(
        label=_("Time"),
        help_text=_("YYYY-MM-DD HH:MM"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    mileage = forms.CharField(
        label=_("Mileage (in kilometers)"), max_length=12, help_text=_("only numbers")
    )
    soc_percent = forms.DecimalField(label=_("State of charge (%)"), max_digits=4, decimal_places=1)
    soh_percent = forms.DecimalField(label=_("State of health (%)"), max_digits=4, decimal_places=1)
    usable_capacity_kwh = forms.DecimalField(
        label=_("Usable capacity (kWh)"), max_digits=5, decimal_places=1
    )
    cycle_count = forms.IntegerField(label=_("Cycle count"))
    cell_voltage_spread_mv = forms.IntegerField(label=_("Cell voltage spread (mV)"))
    temperature_c = forms.DecimalField(
        label=_("Temperature (°C)"), max_digits=4, decimal_places=1, initial=Decimal("20.0")
    )
    tool = forms.CharField(label=_("Tool"), max_length=100, required=False)

    def reading(self) -> ReadingIn:
        data = self.cleaned_data
        return ReadingIn(
            read_at=data["read_at"],
            mileage=data["mileage"],
            soc_percent=data["soc_percent"],
            soh_percent=data["soh_percent"],
            usable_capacity_kwh=data["usable_capacity_kwh"],
            cycle_count=data["cycle_count"],
            cell_voltage_spread_mv=data["cell_voltage_spread_mv"],
            temperature_c=data["temperature_c"],
            tool=data["tool"],
        )
