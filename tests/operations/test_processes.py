"""`./dev serve` as real processes in a temporary directory: start, a refused second start,
the scheduler (restarted when it ends, its jobs enqueued), stop (SIGTERM to the supervisor or to gunicorn), graceful reload, and nothing left behind when
the supervisor is killed outright. Each server gets its own SQLite file, port and lock."""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PYTHON = ROOT / ".venv" / "bin" / "python"
START_TIMEOUT = 120

pytestmark = pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="runs its own SQLite servers; once, on the SQLite run",
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def production_env(directory: Path, port: int) -> dict[str, str]:
    keep = {"PATH", "HOME", "LANG", "LC_ALL", "TMPDIR"}
    env = {name: value for name, value in os.environ.items() if name in keep}
    env.update(
        DEBUG="false",
        LOCAL_TRIAL="true",
        SECRET_KEY="process-test-" + "k" * 60,
        DATABASE_URL=f"sqlite:///{directory / 'db.sqlite3'}",
        STATIC_ROOT=str(directory / "static"),
        MEDIA_ROOT=str(directory / "media"),
        SERVE_PID_FILE=str(directory / "serve.pid"),
        PORT=str(port),
        BIND="",
        WEB_CONCURRENCY="2",
        CACHE_URL="dbcache://aftersales_cache",
        TASKS_BACKEND="django_tasks_db.DatabaseBackend",
        EMAIL_URL="",
    )
    return env


@pytest.fixture(scope="module")
def migrated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated database, copied for each server (migrating takes a minute)."""
    directory = tmp_path_factory.mktemp("serve-base")
    env = production_env(directory, 0)
    subprocess.run(
        [str(PYTHON), "manage.py", "migrate", "--no-input", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=600,
    )
    return directory / "db.sqlite3"


class Server:
    def __init__(self, directory: Path, database: Path) -> None:
        self.directory = directory
        directory.mkdir(parents=True, exist_ok=True)
        (directory / "db.sqlite3").write_bytes(database.read_bytes())
        self.port = free_port()
        self.env = production_env(directory, self.port)
        self.log = (directory / "serve.log").open("w")
        self.process = subprocess.Popen(
            [str(ROOT / "dev"), "serve"],
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def get(self, path: str, timeout: float = 10) -> int:
        with urllib.request.urlopen(self.url(path), timeout=timeout) as response:
            return int(response.status)

    def wait_ready(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.output()
            try:
                if self.get("/health/live/") == 200 and len(self.gunicorn_workers()) >= 2:
                    return
            except OSError:
                pass
            time.sleep(0.5)
        raise AssertionError("not ready:\n" + self.output())

    def output(self) -> str:
        self.log.flush()
        return (self.directory / "serve.log").read_text()

    def descendants(self) -> set[int]:
        return descendants(self.process.pid)

    def gunicorn_master(self) -> int:
        return next(pid for pid in children(self.process.pid) if b"gunicorn" in cmdline(pid))

    def gunicorn_workers(self) -> set[int]:
        try:
            return set(children(self.gunicorn_master()))
        except StopIteration:
            return set()

    def task_worker(self) -> int:
        return next(pid for pid in children(self.process.pid) if b"db_worker" in cmdline(pid))

    def scheduler(self) -> int | None:
        found = (pid for pid in children(self.process.pid) if b"run_scheduler" in cmdline(pid))
        return next(found, None)

    def port_open(self) -> bool:
        with socket.socket() as sock:
            return sock.connect_ex(("127.0.0.1", self.port)) == 0

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
        for pid in self.descendants():
            alive_kill(pid)
        self.process.wait(timeout=10)
        self.log.close()


def cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def children(pid: int) -> list[int]:
    result = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            if ppid == pid:
                result.append(int(entry.name))
    return result


def descendants(pid: int) -> set[int]:
    found: set[int] = set()
    todo = [pid]
    while todo:
        for child in children(todo.pop()):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def alive_kill(pid: int) -> None:
    if alive(pid):
        os.kill(pid, signal.SIGKILL)


def wait_gone(pids: set[int], timeout: float = 60) -> set[int]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        left = {pid for pid in pids if alive(pid)}
        if not left:
            return set()
        time.sleep(0.2)
    return {pid for pid in pids if alive(pid)}


@pytest.fixture
def server(tmp_path: Path, migrated: Path) -> Iterator[Server]:
    started = Server(tmp_path / "server", migrated)
    try:
        started.wait_ready()
        yield started
    finally:
        started.stop()


def test_it_refuses_a_second_start_and_stops_every_child_on_sigterm(
    server: Server, tmp_path: Path
) -> None:
    second = subprocess.run(
        [str(ROOT / "dev"), "serve"],
        cwd=ROOT,
        env=server.env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert second.returncode != 0
    assert "already running" in second.stderr
    assert server.get("/health/live/") == 200  # the first one still serves
    children_before = server.descendants()
    assert len(children_before) >= 4  # worker, gunicorn master and its two workers
    server.process.send_signal(signal.SIGTERM)
    assert server.process.wait(timeout=90) == 0
    assert wait_gone(children_before) == set()
    assert not server.port_open()
    assert not Path(server.env["SERVE_PID_FILE"]).exists()


def test_it_stops_the_worker_when_gunicorn_is_stopped(server: Server) -> None:
    worker = server.task_worker()
    os.kill(server.gunicorn_master(), signal.SIGTERM)
    server.process.wait(timeout=90)
    assert wait_gone({worker}) == set()


def test_it_reloads_gracefully_and_leaves_nothing_when_killed(server: Server) -> None:
    master = server.gunicorn_master()
    workers = server.gunicorn_workers()
    reload = subprocess.run(
        [str(ROOT / "dev"), "reload"], cwd=ROOT, env=server.env, capture_output=True, timeout=60
    )
    assert reload.returncode == 0, reload.stderr
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and server.gunicorn_workers() & workers:
        # served throughout (a request may wait while new workers boot; none is refused)
        assert server.get("/health/live/", timeout=90) == 200
        time.sleep(0.2)
    assert server.gunicorn_workers().isdisjoint(workers)
    assert server.gunicorn_master() == master
    everything = server.descendants()
    os.kill(server.process.pid, signal.SIGKILL)  # no chance to clean up
    assert wait_gone(everything) == set()


def test_it_starts_the_scheduler_again_when_it_ends(server: Server) -> None:
    first = server.scheduler()
    assert first is not None, server.output()
    os.kill(first, signal.SIGKILL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and server.scheduler() in (None, first):
        time.sleep(0.2)
    assert server.scheduler() not in (None, first), server.output()


def test_its_scheduler_enqueues_the_periodic_tasks_for_the_worker(server: Server) -> None:
    database = server.directory / "db.sqlite3"
    deadline = time.monotonic() + 60
    names: set[str] = set()
    while time.monotonic() < deadline and "trust.verify_chains" not in names:
        with sqlite3.connect(database, timeout=10) as connection:
            rows = connection.execute(
                "SELECT name FROM operations_scheduledjob WHERE last_task_id != ''"
            ).fetchall()
        names = {name for (name,) in rows}
        time.sleep(0.5)
    assert {"trust.anchor_chains", "trust.verify_chains", "tools.close_stale_sessions"} <= names
