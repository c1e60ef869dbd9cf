"""Rate limits per token: 429 with Retry-After, counted in Django's cache."""

from __future__ import annotations

from datetime import timedelta

import pytest

from aftersales import clock

from .conftest import ApiClient, assert_problem, make_token

pytestmark = pytest.mark.django_db


def test_it_answers_429_with_retry_after_above_the_limit(owner, settings):
    settings.API_RATE_LIMIT = "3/min"
    api = ApiClient(make_token(owner, "read"))
    assert [api.get("/api/v1/me").status_code for _ in range(3)] == [200, 200, 200]
    response = api.get("/api/v1/me")
    problem = assert_problem(response, 429, "API-0429")
    assert 1 <= int(response["Retry-After"]) <= 60
    assert problem["retry_after"] == int(response["Retry-After"])


def test_it_counts_per_token(owner, teammate, settings):
    settings.API_RATE_LIMIT = "2/min"
    first = ApiClient(make_token(owner, "read"))
    second = ApiClient(make_token(teammate, "read"))
    for _ in range(2):
        first.get("/api/v1/me")
    assert_problem(first.get("/api/v1/me"), 429, "API-0429")
    response = second.get("/api/v1/me")
    assert response.status_code == 200 and response.json()["email"] == teammate.email


def test_it_lets_requests_pass_again_in_the_next_window(owner, settings, monkeypatch):
    settings.API_RATE_LIMIT = "1/min"
    api = ApiClient(make_token(owner, "read"))
    start = clock.now()
    monkeypatch.setattr(clock, "now", lambda: start)
    assert api.get("/api/v1/me").status_code == 200
    assert_problem(api.get("/api/v1/me"), 429, "API-0429")
    monkeypatch.setattr(clock, "now", lambda: start + timedelta(seconds=61))
    response = api.get("/api/v1/me")
    assert response.status_code == 200 and response.json()["email"] == owner.email
