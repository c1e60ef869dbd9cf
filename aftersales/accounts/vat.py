"""VAT: number checks with python-stdnum (format and check digits, offline) and the rates."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from stdnum import get_cc_module
from stdnum.exceptions import ValidationError as StdnumError

from aftersales.portal.money import vat_of_net

StrOrPromise = str | Promise

# Countries the portal serves: the EU, the EEA and Switzerland, Great Britain.
COUNTRIES: dict[str, StrOrPromise] = {
    "AT": gettext_lazy("Austria"),
    "BE": gettext_lazy("Belgium"),
    "BG": gettext_lazy("Bulgaria"),
    "CH": gettext_lazy("Switzerland"),
    "CY": gettext_lazy("Cyprus"),
    "CZ": gettext_lazy("Czechia"),
    "DE": gettext_lazy("Germany"),
    "DK": gettext_lazy("Denmark"),
    "EE": gettext_lazy("Estonia"),
    "ES": gettext_lazy("Spain"),
    "FI": gettext_lazy("Finland"),
    "FR": gettext_lazy("France"),
    "GB": gettext_lazy("United Kingdom"),
    "GR": gettext_lazy("Greece"),
    "HR": gettext_lazy("Croatia"),
    "HU": gettext_lazy("Hungary"),
    "IE": gettext_lazy("Ireland"),
    "IS": gettext_lazy("Iceland"),
    "IT": gettext_lazy("Italy"),
    "LI": gettext_lazy("Liechtenstein"),
    "LT": gettext_lazy("Lithuania"),
    "LU": gettext_lazy("Luxembourg"),
    "LV": gettext_lazy("Latvia"),
    "MT": gettext_lazy("Malta"),
    "NL": gettext_lazy("Netherlands"),
    "NO": gettext_lazy("Norway"),
    "PL": gettext_lazy("Poland"),
    "PT": gettext_lazy("Portugal"),
    "RO": gettext_lazy("Romania"),
    "SE": gettext_lazy("Sweden"),
    "SI": gettext_lazy("Slovenia"),
    "SK": gettext_lazy("Slovakia"),
}

# VAT rates in percent for the gross prices of the order base and invoices (standard rate).
VAT_RATES: dict[str, str] = {
    "AT": "20",
    "BE": "21",
    "BG": "20",
    "CH": "8.1",
    "CY": "19",
    "CZ": "21",
    "DE": "19",
    "DK": "25",
    "EE": "24",
    "ES": "21",
    "FI": "25.5",
    "FR": "20",
    "GB": "20",
    "GR": "24",
    "HR": "25",
    "HU": "27",
    "IE": "23",
    "IS": "24",
    "IT": "22",
    "LI": "8.1",
    "LT": "21",
    "LU": "17",
    "LV": "21",
    "MT": "18",
    "NL": "21",
    "NO": "25",
    "PL": "23",
    "PT": "23",
    "RO": "21",
    "SE": "25",
    "SI": "22",
    "SK": "23",
}


def vat_rate(country: str) -> Decimal:
    """The standard rate in percent of a country the portal serves; 0 for any other."""
    return Decimal(VAT_RATES.get(country.upper(), "0"))


def vat_amount(net: Decimal, rate: Decimal) -> Decimal:
    """The VAT on a net amount, rounded half up to the cent (aftersales.portal.money)."""
    return vat_of_net(net, vat_percent=rate)


_PREFIX = {"GR": "EL"}  # Greece writes EL in front of its VAT numbers


def country_choices() -> list[tuple[str, str]]:
    """Sorted by the name in the active language."""
    return sorted(((code, str(name)) for code, name in COUNTRIES.items()), key=lambda item: item[1])


def clean_vat_number(country: str, number: str) -> str:
    """Returns the number compact with its country prefix, or raises a ValidationError."""
    country = country.upper()
    module = get_cc_module("li" if country == "LI" else country.lower(), "vat")
    if module is None:  # pragma: no cover - every country above has a stdnum module
        raise ValidationError(_("VAT numbers of this country cannot be checked."))
    prefix = _PREFIX.get(country, country)
    raw = number.strip().upper().replace(" ", "").replace("-", "").replace(".", "")
    body = raw[len(prefix) :] if raw.startswith(prefix) else raw
    try:
        compact = module.validate(body)
    except StdnumError:
        raise ValidationError(
            _("This is not a valid VAT number for %(country)s (format or check digit).")
            % {"country": str(COUNTRIES.get(country, country))},
            code="invalid_vat",
        ) from None
    compact = str(compact).upper()
    return compact if compact.startswith(prefix) else prefix + compact
