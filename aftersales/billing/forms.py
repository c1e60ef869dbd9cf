from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from aftersales.portal.forms import TextInputsMixin

from .models import LedgerEntry, Price, TicketProduct
from .services import MAX_TOP_UP


class TopUpForm(TextInputsMixin, forms.Form):
    credits = forms.IntegerField(
        label=_("Credits to load"),
        min_value=1,
        max_value=MAX_TOP_UP,
        help_text=_("1 credit = 1 EUR plus VAT. You receive an invoice with a payment reference."),
    )


class VoucherForm(TextInputsMixin, forms.Form):
    code = forms.CharField(label=_("Voucher code"), max_length=40)


class BillingSettingsForm(TextInputsMixin, forms.Form):
    booking_admins_only = forms.BooleanField(
        label=_("Only administrators may book tickets and load credits"), required=False
    )


class LedgerFilterForm(TextInputsMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("All"))] + list(LedgerEntry.Kind.choices)
    )
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class PriceChoiceField(forms.ModelChoiceField):
    """The bookable tickets, each labelled with its price in `credits` (by product id)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.credits: dict[int, int] = {}

    def label_from_instance(self, obj: TicketProduct) -> str:
        return _("%(product)s – %(credits)d credits") % {
            "product": obj.localized_name,
            "credits": self.credits[obj.pk],
        }


class BookingForm(TextInputsMixin, forms.Form):
    product = PriceChoiceField(
        label=_("Ticket"), queryset=TicketProduct.objects.none(), empty_label=None
    )
    starts_at = forms.DateTimeField(
        label=_("Valid from"),
        required=False,
        widget=forms.DateTimeInput(
            attrs={"type": "datetime-local", "style": "padding:.45rem .55rem;font:inherit"},
            format="%Y-%m-%dT%H:%M",
        ),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"],
        help_text=_("Leave empty to start the ticket now."),
    )

    def __init__(self, *args: Any, prices: list[Price], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        products = [price.product for price in prices]
        field = self.fields["product"]
        assert isinstance(field, PriceChoiceField)
        field.credits = {price.product.pk: price.credits for price in prices}
        by_pk = {p.pk: p for p in products}
        field.queryset = TicketProduct.objects.filter(pk__in=by_pk)
        field.choices = [(p.pk, field.label_from_instance(p)) for p in products]
        self._by_pk = by_pk

    def clean_product(self) -> TicketProduct:
        product: TicketProduct = self.cleaned_data["product"]
        return self._by_pk.get(product.pk, product)
