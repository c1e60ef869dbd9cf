"""The second-factor state of a session kept in the shared cache: a factor enrolled or an
authorisation recorded elsewhere counts from the next request on."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django_otp.plugins.otp_totp.models import TOTPDevice

from aftersales.accounts.models import User
from aftersales.sermi import services as sermi_services

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_cache", "applications")]

PAGE = "/service-history/"
FACTOR_TABLES = ("otp_totp_totpdevice", "mfa_webauthndevice", "sermi_securityauthorisation")


@pytest.fixture
def inside(client: Client, owner: User) -> Client:
    """A session of a user without a factor, past one request (so its state is cached)."""
    client.force_login(owner)
    assert client.get(PAGE).status_code == 200
    return client


def test_it_reads_no_factor_while_nothing_changes(inside: Client) -> None:
    with CaptureQueriesContext(connection) as queries:
        assert inside.get(PAGE).status_code == 200
    sql = " ".join(q["sql"] for q in queries.captured_queries)
    assert not [table for table in FACTOR_TABLES if table in sql]


def test_it_asks_for_a_factor_enrolled_in_another_session_at_once(
    inside: Client, owner: User, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        TOTPDevice.objects.create(user=owner, name="Phone", confirmed=True)
    response = inside.get(PAGE)
    assert response.status_code == 302 and "/confirm/" in response["Location"]


def test_it_sends_a_new_authorisation_holder_to_enrol_at_once(
    inside: Client, owner: User, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        sermi_services.authorisation_record(
            operator=None,
            user=owner,
            approval_number="SERMI-DK-0042",
            issuing_body="Nordic Conformity CAB",
            valid_from=datetime.date(2025, 1, 1),
            valid_until=datetime.date(2030, 12, 31),
            evidence=ContentFile(b"%PDF-1.4\n", name="approval.pdf"),
        )
    response = inside.get(PAGE)
    assert response.status_code == 302 and "/my-data/two-factor/" in response["Location"]


def test_it_keeps_another_users_factor_apart(
    inside: Client, outsider: User, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        TOTPDevice.objects.create(user=outsider, name="Phone", confirmed=True)
    assert inside.get(PAGE).status_code == 200
