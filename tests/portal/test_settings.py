import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


# What pytest-env sets for the test run, which a production process would not have.
TEST_ONLY = {
    "DEBUG",
    "DATABASE_URL",
    "SECRET_KEY",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "TASKS_BACKEND",
}


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k not in TEST_ONLY}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
    )


def test_it_passes_the_deployment_checks_with_debug_off() -> None:
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="false",
        SECRET_KEY="k" * 64 + "-not-a-dev-key-0123456789",
        INVOICE_SELLER_NAME="Portal Operator ApS",
        INVOICE_SELLER_ADDRESS="Havnegade 3 | 5000 Odense | Denmark",
        INVOICE_SELLER_VAT_NUMBER="DK87654321",
        INVOICE_SELLER_BANK="Nordbank | IBAN DK11 2222 3333 4444 55",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_it_refuses_the_deployment_checks_without_the_invoice_seller() -> None:
    result = run_manage(
        "check", "--deploy", DEBUG="false", SECRET_KEY="k" * 64 + "-not-a-dev-key-0123456789"
    )
    assert result.returncode != 0
    assert "billing.E001" in result.stdout + result.stderr


def test_it_refuses_to_start_without_a_secret_key_in_production() -> None:
    result = run_manage("check", DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_it_refuses_a_malformed_boolean() -> None:
    result = run_manage("check", DEBUG="maybe", SECRET_KEY="x" * 60)
    assert result.returncode != 0


def test_it_documents_every_environment_variable_in_env_example() -> None:
    import re

    read = set(
        re.findall(
            r'env(?:_bool|\.\w+)\("([A-Z_]+)"', (ROOT / "aftersales/settings.py").read_text()
        )
    )
    documented = set(re.findall(r"^([A-Z_]+)=", (ROOT / ".env.example").read_text(), re.M))
    assert read - documented == set()


def _setting(name: str, **env: str) -> str:
    result = run_manage(
        "shell", "-c", f"from django.conf import settings; print(settings.{name})", **env
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_it_makes_the_language_cookie_secure_in_production() -> None:
    assert _setting("LANGUAGE_COOKIE_SECURE", DEBUG="false", SECRET_KEY="x" * 60) == "True"


def test_it_keeps_the_language_cookie_usable_over_http_in_development() -> None:
    assert _setting("LANGUAGE_COOKIE_SECURE", DEBUG="true") == "False"


def test_it_reports_a_missing_secret_key_in_one_line() -> None:
    result = run_manage("check", DEBUG="false")
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_it_reports_a_malformed_number_in_one_line() -> None:
    result = run_manage("check", DEBUG="true", AXES_FAILURE_LIMIT="five")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "AXES_FAILURE_LIMIT" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_it_runs_dev_manage_with_the_development_settings_without_a_dot_env() -> None:
    if (ROOT / ".env").exists():
        pytest.skip("this checkout has a .env: ./dev manage follows it")
    environment = {k: v for k, v in os.environ.items() if k not in TEST_ONLY}
    result = subprocess.run(
        [str(ROOT / "dev"), "manage", "check"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
