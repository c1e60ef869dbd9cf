"""The log-on's second step: code, recovery code, lockout, the page first asked for, and the
enrolment of a user who must have a factor."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from aftersales.accounts.models import User
from aftersales.mfa import services
from tests.conftest import PASSWORD

from .conftest import code_for

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")
SECOND = reverse("mfa:second_step")


def _password(client: Client, user: User, next_url: str = "") -> str:
    data = {"username": user.email, "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    response = client.post(LOGIN, data)
    assert response.status_code == 302
    return str(response["Location"])


def test_it_asks_for_the_second_factor_before_logging_in(
    client: Client, owner: User, owner_app: TOTPDevice
) -> None:
    assert _password(client, owner) == SECOND
    assert client.get(reverse("accounts:my_data")).status_code == 302  # not logged in yet
    page = client.get(SECOND).content.decode()
    assert "Enter the six-digit code" in page


def test_it_lands_on_the_page_first_asked_for_after_the_code(
    client: Client, owner: User, owner_app: TOTPDevice
) -> None:
    asked = reverse("accounts:my_organisation")
    _password(client, owner, asked)
    response = client.post(SECOND, {"method": "totp", "code": code_for(owner_app)})
    assert response.status_code == 302 and response["Location"] == asked
    assert client.get(asked).status_code == 200


def test_it_refuses_a_wrong_code_with_its_code(
    client: Client, owner: User, owner_app: TOTPDevice
) -> None:
    _password(client, owner)
    response = client.post(SECOND, {"method": "totp", "code": "000000"})
    assert response.status_code == 422
    assert "MFA-0001" in response.content.decode()
    assert client.get(reverse("accounts:my_data")).status_code == 302


def test_it_refuses_a_code_used_once_already(
    client: Client, owner: User, owner_app: TOTPDevice
) -> None:
    code = code_for(owner_app)
    _password(client, owner)
    assert client.post(SECOND, {"method": "totp", "code": code}).status_code == 302
    other = Client()
    _password(other, owner)
    assert other.post(SECOND, {"method": "totp", "code": code}).status_code == 422


def test_it_throttles_the_code_after_a_wrong_one(
    client: Client, owner: User, owner_app: TOTPDevice
) -> None:
    _password(client, owner)
    client.post(SECOND, {"method": "totp", "code": "000000"})
    response = client.post(SECOND, {"method": "totp", "code": code_for(owner_app)})
    assert response.status_code == 422
    assert "MFA-0002" in response.content.decode()


def test_it_locks_the_log_on_after_five_wrong_second_factors(
    client: Client, owner: User, owner_app: TOTPDevice
) -> None:
    _password(client, owner)
    for _ in range(5):
        client.post(SECOND, {"method": "recovery", "code": "wrong-code"})
    assert client.get(SECOND).status_code == 302  # the pending log-on is gone
    response = client.post(LOGIN, {"username": owner.email, "password": PASSWORD})
    assert response.status_code == 429
    assert "Too many failed logon attempts" in response.content.decode()


def test_it_keeps_the_lockout_of_the_password_for_the_second_step(
    client: Client, owner: User, owner_app: TOTPDevice
) -> None:
    for _ in range(4):
        client.post(LOGIN, {"username": owner.email, "password": "wrong"})
    _password(client, owner)
    client.post(SECOND, {"method": "totp", "code": "000000"})
    response = Client().post(LOGIN, {"username": owner.email, "password": PASSWORD})
    assert response.status_code == 429


def test_it_accepts_a_recovery_code_once_only(
    client: Client, owner: User, owner_app: TOTPDevice
) -> None:
    codes = services.recovery_codes_create(user=owner)
    _password(client, owner)
    assert client.post(SECOND, {"method": "recovery", "code": codes[0].upper()}).status_code == 302
    again = Client()
    _password(again, owner)
    response = again.post(SECOND, {"method": "recovery", "code": codes[0]})
    assert response.status_code == 422 and "MFA-0001" in response.content.decode()


def test_it_forgets_the_password_step_after_five_minutes(
    client: Client, owner: User, owner_app: TOTPDevice, settings
) -> None:  # type: ignore[no-untyped-def]
    settings.MFA_PENDING_SECONDS = 0
    _password(client, owner)
    response = client.post(SECOND, {"method": "totp", "code": code_for(owner_app)})
    assert response.status_code == 302 and response["Location"] == LOGIN


def test_it_logs_in_a_user_without_a_factor_after_the_password(client: Client, owner: User) -> None:
    assert _password(client, owner) == reverse("portal:overview")
    assert client.get(reverse("accounts:my_data")).status_code == 200


def test_it_leads_an_operator_without_a_factor_to_enrol_first(
    client: Client, operator: User
) -> None:
    _password(client, operator, "/back-office/")
    response = client.get("/back-office/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa:security"))
    page = client.get(response["Location"]).content.decode()
    assert "Operators log on with a second factor." in page


def test_it_leads_a_user_of_an_organisation_requiring_it_to_enrol(
    client: Client, teammate: User
) -> None:
    organisation = teammate.organisation
    assert organisation is not None
    organisation.require_second_factor = True
    organisation.save()
    _password(client, teammate)
    response = client.get(reverse("portal:overview"))
    assert response["Location"].startswith(reverse("mfa:security"))


def test_it_lets_the_operator_reach_the_back_office_after_enrolling(
    client: Client, operator: User
) -> None:
    _password(client, operator, "/back-office/")
    client.get(reverse("mfa:totp_add") + "?next=/back-office/")
    device = TOTPDevice.objects.get(user=operator, confirmed=False)
    response = client.post(
        reverse("mfa:totp_add") + "?next=/back-office/", {"code": code_for(device), "name": "Ops"}
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Your recovery codes" in page and 'href="/back-office/"' in page
    assert client.get("/back-office/").status_code == 200


def test_it_sends_the_back_office_log_on_through_the_second_step(
    client: Client, operator: User
) -> None:
    device = TOTPDevice.objects.create(user=operator, name="Ops", confirmed=True)
    response = client.post(
        "/back-office/login/?next=/back-office/",
        {"username": operator.email, "password": PASSWORD, "next": "/back-office/"},
    )
    assert response["Location"] == SECOND
    response = client.post(SECOND, {"method": "totp", "code": code_for(device)})
    assert response["Location"] == "/back-office/"
    assert client.get("/back-office/").status_code == 200


def test_it_asks_a_session_without_the_factor_to_confirm_it(
    client: Client, owner: User, owner_app: TOTPDevice
) -> None:
    client.force_login(owner)  # e.g. a session that was open before the factor was added
    response = client.get(reverse("accounts:my_data"))
    assert response["Location"].startswith(reverse("mfa:confirm"))


def test_it_gives_the_options_for_logging_on_with_a_passkey_alone(client: Client) -> None:
    response = client.get(reverse("mfa:passkey_login"))
    options = response.json()
    assert options["userVerification"] == "required" and options["allowCredentials"] == []


def test_it_refuses_a_passkey_answer_it_cannot_verify(client: Client, owner: User) -> None:
    client.get(reverse("mfa:passkey_login"))
    response = client.post(reverse("mfa:passkey_login"), {"credential": '{"id": "nope"}'})
    assert response["Location"].startswith(LOGIN)
    assert "MFA-0004" in client.get(response["Location"]).content.decode()
    assert client.get(reverse("accounts:my_data")).status_code == 302
