"""Control characters and line breaks: one rule (aftersales/portal/text.py) for every text
input of the forms, the back office, the API and the URL parameters."""

from __future__ import annotations

import importlib
import pkgutil

import pytest
from django import forms
from django.contrib import admin
from django.test import Client
from django.urls import reverse

import aftersales
from aftersales.accounts.models import Organisation, User
from aftersales.portal.forms import TextInputsMixin
from aftersales.portal.text import text_violation

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("value", ["a\x00b", "\x01", "x\x1b[31m", "del\x7f", "c1\x85", "\x0c"])
def test_it_refuses_a_control_character_in_any_text(value: str) -> None:
    for multiline in (True, False):
        violation = text_violation(value, multiline=multiline)
        assert violation is not None and violation.code == "TEXT-0001"


@pytest.mark.parametrize("value", ["a\nb", "a\r\nb", "a\rb", "a\u2028b"])
def test_it_refuses_a_line_break_in_a_one_line_text(value: str) -> None:
    violation = text_violation(value, multiline=False)
    assert violation is not None and violation.code == "TEXT-0002"
    assert text_violation(value, multiline=True) is None


@pytest.mark.parametrize("value", ["Motorhjørnet ApS", "Tab\tseparated", "ÆØÅ äöü ß €", ""])
def test_it_accepts_ordinary_text(value: str) -> None:
    assert text_violation(value, multiline=False) is None


def test_it_names_the_position_of_the_character() -> None:
    violation = text_violation("abc\x00", multiline=True)
    assert violation is not None and "U+0000" in violation.message and "4" in violation.message


def _project_modules() -> None:
    skip = (".migrations", ".management", ".data", ".tests")
    for module in pkgutil.walk_packages(aftersales.__path__, "aftersales."):
        if not any(part in module.name for part in skip):
            importlib.import_module(module.name)


def _subclasses(cls: type) -> set[type]:
    found = set()
    for sub in cls.__subclasses__():
        found |= {sub} | _subclasses(sub)
    return found


def test_it_gives_every_form_of_the_project_the_text_rule() -> None:
    _project_modules()
    missing = sorted(
        f"{cls.__module__}.{cls.__qualname__}"
        for cls in _subclasses(forms.BaseForm)
        if cls.__module__.startswith("aftersales.") and not issubclass(cls, TextInputsMixin)
    )
    assert missing == []


def test_it_gives_every_form_of_the_back_office_the_text_rule() -> None:
    missing = []
    for model_admin in admin.site._registry.values():
        admins = [
            model_admin,
            *(inline(model_admin.model, admin.site) for inline in model_admin.inlines),
        ]
        for each in admins:
            for attribute in ("form", "add_form"):
                form = getattr(each, attribute, None)
                if form is not None and not issubclass(form, TextInputsMixin):
                    missing.append(f"{type(each).__name__}.{attribute}")
    assert missing == []


def test_it_refuses_a_line_break_in_the_name_at_registration_keeping_it(client: Client) -> None:
    from tests.accounts.test_registration import form_data

    response = client.post(reverse("accounts:register"), form_data(name="Evil\r\nBcc: x@y.z"))
    page = response.content.decode()
    assert response.status_code == 200 and "TEXT-0002" in page
    assert "Bcc: x@y.z" in page  # what was typed comes back
    assert not Organisation.objects.filter(vat_number="DK10150817").exists()


def test_it_refuses_a_control_character_in_the_back_office(
    client_for, operator: User, organisation: Organisation
) -> None:  # type: ignore[no-untyped-def]
    url = reverse("admin:accounts_organisation_change", args=[organisation.pk])
    client = client_for(operator)
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and not isinstance(value, list | tuple) and name in form.fields
    }
    data.update({"name": "Motor\x1bhjørnet", "brands": ["bmw"]})
    response = client.post(url, data)
    assert response.status_code == 200 and "TEXT-0001" in response.content.decode()
    organisation.refresh_from_db()
    assert organisation.name == "Motorhjørnet ApS"


def test_it_refuses_a_control_character_in_a_query_string(client_for, owner: User) -> None:  # type: ignore[no-untyped-def]
    response = client_for(owner).get(reverse("billing:my_tickets"), {"application": "diag\x00"})
    assert response.status_code == 422 and "TEXT-0001" in response.content.decode()


def test_it_refuses_a_control_character_in_a_query_string_of_the_api(db) -> None:  # type: ignore[no-untyped-def]
    response = Client().get("/api/v1/fault-codes", {"search": "P0\x00"})
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "TEXT-0001"
