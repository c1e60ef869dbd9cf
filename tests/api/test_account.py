"""The caller's tickets and credit balance: read only, own organisation only."""

from __future__ import annotations

import pytest

from aftersales.billing import services as billing_services

from .conftest import assert_problem, grant_diagnosis

pytestmark = pytest.mark.django_db


def test_it_lists_the_organisations_active_tickets(api_for, owner, applications):
    grant_diagnosis(owner.organisation)
    body = api_for(owner, "read").get("/api/v1/me/tickets").json()
    assert [t["product"] for t in body["active"]] == ["Diagnosis, 1 day"]
    assert body["active"][0]["applications"] == ["diagnosis"]
    assert body["active"][0]["status"] == "active"


def test_it_never_shows_another_organisations_tickets(api_for, owner, outsider, applications):
    grant_diagnosis(owner.organisation)
    body = api_for(outsider, "read").get("/api/v1/me/tickets").json()
    assert body == {"active": [], "upcoming": [], "expired": []}


def test_it_shows_the_credit_balance_of_the_own_organisation(api_for, owner, outsider, operator):
    billing_services.credit_correct(
        operator=operator, organisation=owner.organisation, amount=150, reason="Test credits"
    )
    assert api_for(owner, "read").get("/api/v1/me/credit").json()["balance"] == 150
    assert api_for(outsider, "read").get("/api/v1/me/credit").json()["balance"] == 0


def test_it_has_no_write_operation_for_tickets_or_credit(api_for, owner):
    api = api_for(owner)
    for path in ["/api/v1/me/credit", "/api/v1/me/tickets"]:
        response = api.post(path, {"balance": 1_000_000})
        assert_problem(response, 405, "API-0405")
        assert response["Allow"] == "GET"
    assert api.get("/api/v1/me/credit").json()["balance"] == 0
