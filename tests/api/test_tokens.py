"""API tokens: created under My data, shown once, stored as a hash, scoped, revocable."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest

from aftersales import clock
from aftersales.api.models import ApiToken
from aftersales.api.services import token_create, token_revoke_by_operator

from .conftest import ApiClient, assert_problem, make_token

pytestmark = pytest.mark.django_db


def test_it_links_the_token_page_from_my_data(client_for, owner):
    response = client_for(owner).get("/accounts/my-data/")
    assert b"/api/tokens/" in response.content


def test_it_shows_a_new_token_once_and_stores_only_its_hash(client_for, owner):
    client = client_for(owner)
    response = client.post("/api/tokens/", {"name": "DMS bay 1", "scope": "write"}, follow=True)
    token = ApiToken.objects.get(user=owner)
    secret = response.context["new_token"]["secret"]
    assert secret.encode() in response.content
    assert token.secret_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in str(ApiToken.objects.filter(pk=token.pk).values().first())
    assert secret.encode() not in client.get("/api/tokens/").content


def test_it_keeps_the_input_and_names_the_field_when_the_name_is_missing(client_for, owner):
    response = client_for(owner).post("/api/tokens/", {"name": "", "scope": "read"})
    assert response.status_code == 200
    assert response.context["form"].errors["name"]
    assert not ApiToken.objects.exists()


def test_it_lists_only_the_users_own_tokens(client_for, owner, teammate):
    token_create(actor=owner, name="Owner's DMS", scope="read")
    token_create(actor=teammate, name="Teammate's ISTA", scope="read")
    response = client_for(owner).get("/api/tokens/")
    assert b"Owner&#x27;s DMS" in response.content
    assert b"Teammate" not in response.content


def test_it_revokes_a_token_so_that_it_no_longer_authenticates(client_for, owner):
    raw = make_token(owner, "read")
    assert ApiClient(raw).get("/api/v1/me").status_code == 200
    token = ApiToken.objects.get(user=owner)
    client_for(owner).post(f"/api/tokens/{token.pk}/revoke/")
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert_problem(ApiClient(raw).get("/api/v1/me"), 401, "API-0401")


def test_it_refuses_to_revoke_an_outsiders_token(client_for, owner, outsider):
    raw = make_token(owner, "read")
    token = ApiToken.objects.get(user=owner)
    response = client_for(outsider).post(f"/api/tokens/{token.pk}/revoke/")
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
    assert ApiClient(raw).get("/api/v1/me").status_code == 200


def test_it_answers_401_with_www_authenticate_without_a_token(db):
    response = ApiClient(None).get("/api/v1/me")
    assert_problem(response, 401, "API-0401")
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize("raw", ["nonsense", "as_0123456789ab_" + "x" * 43, "Basic dXNlcjpwYXNz"])
def test_it_answers_401_for_an_unknown_token(db, owner, raw):
    make_token(owner)
    assert_problem(ApiClient(raw).get("/api/v1/me"), 401, "API-0401")


def test_it_answers_401_for_a_tampered_secret_with_a_known_prefix(owner):
    raw = make_token(owner)
    tampered = raw[:-4] + ("aaaa" if not raw.endswith("aaaa") else "bbbb")
    assert_problem(ApiClient(tampered).get("/api/v1/me"), 401, "API-0401")


def test_it_answers_401_when_the_user_was_deactivated(owner):
    raw = make_token(owner)
    owner.is_active = False
    owner.save()
    assert_problem(ApiClient(raw).get("/api/v1/me"), 401, "API-0401")


def test_it_refuses_writes_with_a_read_token_before_reading_the_body(owner, vehicle):
    api = ApiClient(make_token(owner, "read"))
    response = api.post("/api/v1/vehicles/WBAUV71070A193748/service-entries", {"x": 1})
    assert_problem(response, 403, "API-0403")


def test_it_acts_as_the_tokens_user(owner):
    body = ApiClient(make_token(owner, "read")).get("/api/v1/me").json()
    assert body["email"] == "owner@example.com"
    assert body["organisation"]["name"] == "Motorhjørnet ApS"
    assert body["token_scope"] == "read"


def test_it_records_the_last_use(owner):
    raw = make_token(owner, "read")
    ApiClient(raw).get("/api/v1/me")
    assert ApiToken.objects.get(user=owner).last_used_at is not None


def test_it_limits_the_number_of_active_tokens(owner):
    from aftersales.api.services import MAX_ACTIVE_TOKENS
    from aftersales.portal.errors import RuleViolation

    for n in range(MAX_ACTIVE_TOKENS):
        token_create(actor=owner, name=f"t{n}", scope="read")
    with pytest.raises(RuleViolation) as error:
        token_create(actor=owner, name="one too many", scope="read")
    assert error.value.code == "API-0012"


def test_it_lets_the_operator_revoke_a_token_in_the_back_office(client_for, operator, owner):
    raw = make_token(owner)
    token = ApiToken.objects.get(user=owner)
    client = client_for(operator)
    page = client.get("/back-office/api/apitoken/")
    assert token.prefix.encode() in page.content
    assert raw.split("_", 2)[2].encode() not in page.content
    assert token.secret_hash.encode() not in page.content
    client.post("/back-office/api/apitoken/", {"action": "revoke", "_selected_action": [token.pk]})
    assert_problem(ApiClient(raw).get("/api/v1/me"), 401, "API-0401")


def test_it_keeps_the_first_revocation_time_when_the_operator_revokes_again(owner):
    make_token(owner)
    first = clock.now()
    tokens = ApiToken.objects.filter(user=owner)
    assert token_revoke_by_operator(tokens=tokens, now=first) == 1
    assert token_revoke_by_operator(tokens=tokens, now=first + timedelta(hours=1)) == 0
    assert ApiToken.objects.get(user=owner).revoked_at == first
