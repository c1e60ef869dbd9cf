"""One line, no traceback, when the database cannot be reached; migrate makes the cache table."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
UNREACHABLE = "postgres://aftersales@127.0.0.1:1/aftersales"  # nothing listens on port 1


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    keep = {"PATH", "HOME", "LANG", "TMPDIR"}
    environment = {k: v for k, v in os.environ.items() if k in keep}
    environment.update(
        DEBUG="false",
        LOCAL_TRIAL="true",
        SECRET_KEY="release-test-" + "abcdefghij0123456789" * 3,
        **env,
    )
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_it_reports_an_unreachable_database_in_one_line() -> None:
    result = run_manage("migrate", DATABASE_URL=UNREACHABLE)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "127.0.0.1:1/aftersales cannot be reached" in result.stderr


def test_it_stops_prepare_release_in_one_line_without_a_database() -> None:
    result = run_manage("prepare_release", DATABASE_URL=UNREACHABLE)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "cannot be reached" in result.stderr


def test_it_passes_the_deployment_checks_in_a_local_trial() -> None:
    result = run_manage("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr


def test_it_creates_the_cache_table_with_a_plain_migrate(tmp_path: Path) -> None:
    database = tmp_path / "db.sqlite3"
    assert run_manage("migrate", "-v", "0", DATABASE_URL=f"sqlite:///{database}").returncode == 0
    import sqlite3

    tables = {row[0] for row in sqlite3.connect(database).execute("select name from sqlite_master")}
    assert "aftersales_cache" in tables
