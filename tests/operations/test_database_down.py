"""A real PostgreSQL stopped under a running gunicorn: /health/ names the database, pages and
API answer 503 with Retry-After (problem+json in the API), and all recovers when it is back.

The cluster is a throwaway one in a temporary directory (initdb, as `./dev test` makes when no
server answers), so stopping it disturbs nobody."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PYTHON = ROOT / ".venv" / "bin" / "python"
BINDIRS = sorted(Path("/usr/lib/postgresql").glob("*/bin"))

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(not BINDIRS, reason="no PostgreSQL server binaries (initdb, pg_ctl)"),
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Cluster:
    def __init__(self, directory: Path) -> None:
        self.bindir = BINDIRS[-1]
        self.data = directory / "data"
        self.socket_dir = directory / "sock"
        self.log = directory / "pg.log"
        self.port = free_port()
        self.socket_dir.mkdir(parents=True)
        self.data.mkdir()
        self.as_postgres: list[str] = []
        if os.geteuid() == 0:  # initdb refuses root
            shutil.chown(directory, "postgres", "postgres")
            for path in (self.data, self.socket_dir):
                shutil.chown(path, "postgres", "postgres")
            self.log.touch()
            shutil.chown(self.log, "postgres", "postgres")
            self.as_postgres = ["runuser", "-u", "postgres", "--"]
        self.run("initdb", "-D", str(self.data), "--auth=trust", "-U", "postgres")

    def run(self, tool: str, *args: str) -> None:
        subprocess.run(
            [*self.as_postgres, str(self.bindir / tool), *args],
            check=True,
            capture_output=True,
            timeout=120,
        )

    def start(self) -> None:
        options = f"-k {self.socket_dir} -p {self.port} -h 127.0.0.1 -c fsync=off"
        self.run("pg_ctl", "-D", str(self.data), "-w", "-l", str(self.log), "-o", options, "start")

    def stop(self) -> None:
        self.run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


OPENER = urllib.request.build_opener(NoRedirect)


def request(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    try:
        with OPENER.open(urllib.request.Request(url, headers=headers or {}), timeout=30) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Cluster, str]]:
    # Not under pytest's temporary directory: that one is private to root, and the server
    # runs as postgres.
    directory = Path(tempfile.mkdtemp(prefix="aftersales-pg-down-"))
    directory.chmod(0o755)
    cluster = Cluster(directory / "pg")
    cluster.start()
    port = free_port()
    keep = {"PATH", "HOME", "LANG", "TMPDIR"}
    env = {name: value for name, value in os.environ.items() if name in keep}
    env.update(
        DEBUG="false",
        LOCAL_TRIAL="true",
        SECRET_KEY="database-down-test-" + "abcdefghij0123456789" * 3,
        DATABASE_URL=cluster.url,
        # The health check's other parts stay out of the way: the database is what stops.
        CACHE_URL="locmemcache://",
        TASKS_BACKEND="django_tasks.backends.immediate.ImmediateBackend",
        PORT=str(port),
        BIND="",
        WEB_CONCURRENCY="1",
    )
    subprocess.run(
        [str(PYTHON), "manage.py", "migrate", "--no-input", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=900,
    )
    server = subprocess.Popen(
        [str(PYTHON), "-m", "gunicorn", "-c", "python:aftersales.operations.gunicorn_conf"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if request(base + "/health/")[0] == 200:
                    break
            except OSError:
                time.sleep(0.5)
        yield cluster, base
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
        with contextlib.suppress(subprocess.CalledProcessError):
            cluster.stop()
        shutil.rmtree(directory, ignore_errors=True)


def test_it_answers_503_while_the_database_is_stopped_and_recovers(
    served: tuple[Cluster, str],
) -> None:
    cluster, base = served
    assert request(base + "/health/")[0] == 200

    cluster.stop()
    try:
        status, headers, body = request(base + "/health/")
        assert status == 503
        assert json.loads(body)["down"] == ["database"]

        # A page whose session must be read from the database.
        status, headers, body = request(base + "/overview/", {"Cookie": "sessionid=" + "k" * 32})
        assert status == 503, body[:300]
        assert headers["Retry-After"] == "30"
        assert b"Temporarily unavailable" in body

        # An API call whose token must be looked up.
        token = "as_0123456789ab_" + "s" * 30
        status, headers, body = request(
            base + "/api/v1/vehicles/WBAUV71070A193748", {"Authorization": f"Bearer {token}"}
        )
        assert status == 503
        assert headers["Content-Type"] == "application/problem+json"
        assert json.loads(body)["code"] == "OPS-0001"
        assert headers["Retry-After"] == "30"
    finally:
        cluster.start()

    deadline = time.monotonic() + 30
    while request(base + "/health/")[0] != 200 and time.monotonic() < deadline:
        time.sleep(0.5)
    assert request(base + "/health/")[0] == 200
