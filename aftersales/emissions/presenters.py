"""Rows as the screens, PDFs and the API show them: each quantity with its nominal value, unit
and the source of the value; each check of a recorded test with its verdict."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from .models import EmissionsTest
from .quantities import BY_KEY
from .rules import LEGAL, MANUFACTURER
from .selectors import VehicleValues


def source_label(source: str, legal_name: str = "") -> str:
    if source == MANUFACTURER:
        return _("Manufacturer")
    if source == LEGAL:
        return (
            _("Legal limit (%(name)s)") % {"name": legal_name} if legal_name else _("Legal limit")
        )
    return _("none given")


@dataclass(frozen=True)
class ValueRow:
    key: str
    label: str
    unit: str
    nominal: str  # "0.970–1.030", "≤ 0.20"; "" when none is given
    sources: list[str]  # MANUFACTURER / LEGAL
    source_text: str


def value_rows(values: VehicleValues) -> list[ValueRow]:
    rows = []
    for nominal in values.nominals:
        quantity = nominal.quantity
        sources = nominal.sources
        rows.append(
            ValueRow(
                key=quantity.key,
                label=str(quantity.label),
                unit=quantity.unit,
                nominal=nominal.text(),
                sources=sources,
                source_text=", ".join(source_label(s, nominal.legal_name) for s in sources)
                or source_label(""),
            )
        )
    return rows


def obd_check_text(values: VehicleValues) -> str:
    answer = _("yes") if values.obd_check else _("no")
    if values.obd_check_source:
        legal = values.legal.name if values.legal else ""
        return f"{answer} · {source_label(values.obd_check_source, legal)}"
    return answer


@dataclass(frozen=True)
class CheckRow:
    key: str
    label: str
    unit: str
    measured: str
    nominal: str
    source_text: str
    ok: bool
    judged: bool


def _nominal_text(check: dict[str, object]) -> str:
    low, high = str(check.get("min") or ""), str(check.get("max") or "")
    if low and high:
        return f"{low}–{high}"
    if high:
        return f"≤ {high}"
    if low:
        return f"≥ {low}"
    return ""


def test_rows(test: EmissionsTest) -> list[CheckRow]:
    rows = []
    for check in test.checks:
        quantity = BY_KEY[str(check["quantity"])]
        sources = [
            str(s) for s in dict.fromkeys([check.get("min_source"), check.get("max_source")]) if s
        ]
        legal_name = str(check.get("legal_name") or "")
        rows.append(
            CheckRow(
                key=quantity.key,
                label=str(quantity.label),
                unit=quantity.unit,
                measured=str(check["measured"]),
                nominal=_nominal_text(check),
                source_text=", ".join(source_label(s, legal_name) for s in sources)
                or source_label(""),
                ok=bool(check["ok"]),
                judged=bool(check.get("judged", True)),
            )
        )
    return rows


def obd_failure_texts(test: EmissionsTest) -> list[str]:
    texts = {"mil_on": _("MIL on"), "not_ready": _("readiness not complete")}
    return [texts.get(str(failure), str(failure)) for failure in test.obd_failures]
