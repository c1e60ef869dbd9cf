"""DATABASE_POOL: psycopg's connection pool in each process (Django 5.1+ OPTIONS "pool")."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from aftersales.settings import database_pool

ROOT = Path(__file__).resolve().parents[2]


def test_it_reads_the_pools_least_and_most_connections() -> None:
    assert database_pool("2:8") == {"min_size": 2, "max_size": 8, "timeout": 10}


def test_it_has_no_pool_when_the_variable_is_empty() -> None:
    assert database_pool("") is None


@pytest.mark.parametrize("raw", ["8", "8:2", "0:0", "two:eight", "2:8:1"])
def test_it_refuses_a_malformed_pool(raw: str) -> None:
    with pytest.raises(ImproperlyConfigured, match="DATABASE_POOL"):
        database_pool(raw)


@pytest.mark.postgres_only
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the pool is psycopg's")
def test_it_connects_through_a_pool_when_one_is_set() -> None:
    database = connection.settings_dict
    url = (
        f"postgres://{database['USER']}:{database['PASSWORD']}@{database['HOST'] or '127.0.0.1'}"
        f":{database['PORT'] or 5432}/{database['NAME']}"
    )
    env = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG", "TMPDIR"}}
    env.update(DEBUG="true", DATABASE_URL=url, DATABASE_POOL="1:2", CACHE_URL="locmemcache://")
    probe = (
        "from django.db import connection\n"
        "connection.ensure_connection()\n"
        "print(type(connection.pool).__name__, connection.pool.max_size)\n"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", probe],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.split() == ["ConnectionPool", "2"], result.stderr
