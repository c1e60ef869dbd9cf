"""One registry line makes an application built: INSTALLED_APPS, URLs, API routes, catalogue."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.apps import apps
from django.urls import reverse

import aftersales.catalogue
from aftersales.api.main import api
from aftersales.catalogue.registry import BUILT_APPLICATIONS, built_application, start_url_name


def test_it_installs_every_built_application() -> None:
    installed = {config.name for config in apps.get_app_configs()}
    assert {app.package for app in BUILT_APPLICATIONS} <= installed


def test_it_mounts_the_pages_under_the_slug() -> None:
    for app in BUILT_APPLICATIONS:
        assert reverse(app.start_url_name) == f"/{app.slug}/"


def test_it_mounts_the_api_routes_under_the_tag() -> None:
    schema = api.get_openapi_schema()
    tags = {tag for item in schema["paths"].values() for op in item.values() for tag in op["tags"]}
    assert {app.api_tag for app in BUILT_APPLICATIONS if app.api_tag} <= tags
    assert "/api/v1/vehicles/{vin}/service-history" in schema["paths"]


def test_it_knows_where_service_history_starts() -> None:
    assert start_url_name("service-history") == "servicehistory:vin_entry"
    assert built_application("state-of-charge-not-a-slug") is None


def test_it_keeps_the_catalogue_free_of_billing_imports() -> None:
    """The ticket rule plugs in (catalogue.decisions); no catalogue module imports billing."""
    catalogue = Path(aftersales.catalogue.__file__).parent
    offenders = []
    for module in catalogue.rglob("*.py"):
        for node in ast.walk(ast.parse(module.read_text())):
            names = (
                [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else []
            )
            offenders += [
                f"{module.name}: {n}" for n in names if n.startswith("aftersales.billing")
            ]
    assert offenders == []


@pytest.mark.django_db
def test_it_applies_the_ticket_rule_registered_by_billing(owner, applications) -> None:
    from aftersales.catalogue.access import application_access
    from aftersales.catalogue.models import Application

    diagnosis = Application.objects.get(slug="diagnosis")
    decision = application_access(user=owner, application=diagnosis)
    assert not decision.allowed and decision.code == "ACCESS-0004"
