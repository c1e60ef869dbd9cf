"""The fixed cast of the tests: an owner (organisation administrator), a teammate, an outsider
(another verified organisation's administrator) and an operator; plus the browser set-up."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import Client

from aftersales.accounts.models import Organisation, User

ARTIFACTS = Path(__file__).resolve().parent.parent / "var" / "test-artifacts"
PASSWORD = "Correct-Horse-42"


@pytest.fixture(autouse=True)
def _settings_for_tests(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.SECURE_SSL_REDIRECT = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # Counters in the cache (rate limits, voucher attempts) must not leak from test to test.
    cache.clear()


def make_organisation(name: str, vat: str, **fields: object) -> Organisation:
    defaults: dict[str, object] = {
        "street": "Industrivej 1",
        "postcode": "7100",
        "city": "Vejle",
        "country": "DK",
        "phone": "+45 11 22 33 44",
        "contact_email": f"info@{vat.lower()}.example",
        "brands": ["bmw"],
        "status": Organisation.Status.VERIFIED,
        "labour_rate_per_hour": Decimal("780.00"),
    }
    defaults.update(fields)
    return Organisation.objects.create(name=name, vat_number=vat, **defaults)


def make_user(email: str, organisation: Organisation | None, **fields: object) -> User:
    fields.setdefault("email_confirmed_at", datetime(2026, 1, 1, tzinfo=UTC))
    return User.objects.create_user(
        email=email, password=PASSWORD, organisation=organisation, **fields
    )


@pytest.fixture
def organisation(db) -> Organisation:  # type: ignore[no-untyped-def]
    return make_organisation("Motorhjørnet ApS", "DK13585628")


@pytest.fixture
def other_organisation(db) -> Organisation:  # type: ignore[no-untyped-def]
    return make_organisation("Andet Værksted ApS", "DK29403473", city="Aarhus")


@pytest.fixture
def owner(organisation: Organisation) -> User:
    return make_user("owner@example.com", organisation, is_org_admin=True, full_name="Olga Owner")


@pytest.fixture
def teammate(organisation: Organisation) -> User:
    return make_user("teammate@example.com", organisation, full_name="Tom Teammate")


@pytest.fixture
def outsider(other_organisation: Organisation) -> User:
    return make_user("outsider@example.com", other_organisation, is_org_admin=True)


@pytest.fixture
def operator(db) -> User:  # type: ignore[no-untyped-def]
    return make_user("operator@example.com", None, is_staff=True, is_superuser=True)


def second_factor_verify(client: Client, user: User) -> None:
    """Marks the client's session as logged on with a second factor (and recently so), as the
    log-on's second step does; the user gets an authenticator app if they have none."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from aftersales.mfa.flow import VERIFIED_AT_KEY

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Test app")
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session[VERIFIED_AT_KEY] = time.time()
    session.save()


@pytest.fixture
def client_for() -> Callable[[User], Client]:
    """A client logged in as the user; one who must have a second factor (operators) is
    logged in with one, as after the log-on's second step."""

    def login(user: User) -> Client:
        from aftersales.mfa.rules import second_factor_required
        from aftersales.mfa.selectors import user_has_factor

        client = Client()
        client.force_login(user)
        if second_factor_required(user) or user_has_factor(user=user):
            second_factor_verify(client, user)
        return client

    return login


@pytest.fixture
def shared_cache(settings):  # type: ignore[no-untyped-def]
    """The shared cache of aftersales/portal/shared_cache.py switched on (the tests' cache is
    one process's memory, where production needs Redis or Memcached). Its invalidation runs
    when a transaction commits: wrap changes in django_capture_on_commit_callbacks(execute=True)."""
    settings.SHARED_CACHE_SECONDS = 300
    cache.clear()


@pytest.fixture
def applications(db) -> None:  # type: ignore[no-untyped-def]
    from aftersales.catalogue import demo

    demo.load()


# --- Browser tests: Debian's Chromium, never a downloaded browser ------------------------------


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):  # type: ignore[no-untyped-def]
    return {
        **browser_type_launch_args,
        "executable_path": os.environ.get("CHROMIUM", "/usr/bin/chromium"),
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture
def screenshot(page) -> Iterator[Callable[[str], Path]]:  # type: ignore[no-untyped-def]
    """Saves full-page screenshots under var/test-artifacts/<test>/NN-<name>.png."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    counter = {"n": 0}
    test_name = os.environ.get("PYTEST_CURRENT_TEST", "test").split(":")[-1].split(" ")[0]

    def shoot(name: str) -> Path:
        counter["n"] += 1
        path = ARTIFACTS / test_name / f"{counter['n']:02d}-{name}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(path), full_page=True)
        return path

    yield shoot
