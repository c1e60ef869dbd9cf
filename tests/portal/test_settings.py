import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DATABASE_URL"}}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True
    )


def test_it_passes_the_deployment_checks_with_debug_off() -> None:
    result = run_manage("check", "--deploy", "--fail-level", "WARNING",
                        DEBUG="false", SECRET_KEY="k" * 64 + "-not-a-dev-key-0123456789")  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


def test_it_refuses_to_start_without_a_secret_key_in_production() -> None:
    environment = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, capture_output=True, text=True,
        env={**environment, "DEBUG": "false"},
    )  # fmt: skip
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_it_refuses_a_malformed_boolean() -> None:
    result = run_manage("check", DEBUG="maybe", SECRET_KEY="x" * 60)
    assert result.returncode != 0
