"""VAT: number checks with python-stdnum (format and check digits, offline) and the rates."""

from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from stdnum import get_cc_module
from stdnum.exceptions import ValidationError as StdnumError

StrOrPromise = str | Promise

# Countries the portal serves: the EU, the EEA and Switzerland, Great Britain.
COUNTRIES: dict[str, StrOrPromise] = {
    "AT": _lazy("Austria"),
    "BE": _lazy("Belgium"),
    "BG": _lazy("Bulgaria"),
    "CH": _lazy("Switzerland"),
    "CY": _lazy("Cyprus"),
    "CZ": _lazy("Czechia"),
    "DE": _lazy("Germany"),
    "DK": _lazy("Denmark"),
    "EE": _lazy("Estonia"),
    "ES": _lazy("Spain"),
    "FI": _lazy("Finland"),
    "FR": _lazy("France"),
    "GB": _lazy("United Kingdom"),
    "GR": _lazy("Greece"),
    "HR": _lazy("Croatia"),
    "HU": _lazy("Hungary"),
    "IE": _lazy("Ireland"),
    "IS": _lazy("Iceland"),
    "IT": _lazy("Italy"),
    "LI": _lazy("Liechtenstein"),
    "LT": _lazy("Lithuania"),
    "LU": _lazy("Luxembourg"),
    "LV": _lazy("Latvia"),
    "MT": _lazy("Malta"),
    "NL": _lazy("Netherlands"),
    "NO": _lazy("Norway"),
    "PL": _lazy("Poland"),
    "PT": _lazy("Portugal"),
    "RO": _lazy("Romania"),
    "SE": _lazy("Sweden"),
    "SI": _lazy("Slovenia"),
    "SK": _lazy("Slovakia"),
}  # fmt: skip

# VAT rates in percent for the gross prices of the order base and invoices (standard rate).
VAT_RATES: dict[str, str] = {
    "AT": "20", "BE": "21", "BG": "20", "CH": "8.1", "CY": "19", "CZ": "21", "DE": "19",
    "DK": "25", "EE": "24", "ES": "21", "FI": "25.5", "FR": "20", "GB": "20", "GR": "24",
    "HR": "25", "HU": "27", "IE": "23", "IS": "24", "IT": "22", "LI": "8.1", "LT": "21",
    "LU": "17", "LV": "21", "MT": "18", "NL": "21", "NO": "25", "PL": "23", "PT": "23",
    "RO": "21", "SE": "25", "SI": "22", "SK": "23",
}  # fmt: skip

CENT = Decimal("0.01")


def vat_rate(country: str) -> Decimal:
    """The standard rate in percent of a country the portal serves; 0 for any other."""
    return Decimal(VAT_RATES.get(country.upper(), "0"))


def vat_amount(net: Decimal, rate: Decimal) -> Decimal:
    """The VAT on a net amount, rounded half up to the cent."""
    return (net * rate / 100).quantize(CENT, rounding=ROUND_HALF_UP)


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
