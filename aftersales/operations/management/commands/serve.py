"""manage.py serve: the production start of `./dev serve` (docs/operations.md).

One supervisor process holds the lock of SERVE_PID_FILE (a second start refuses, naming the
running one), prepares the release (database reachable, deployment checks, migrate with the
cache table, static files), then runs gunicorn, the task worker and the scheduler (which
enqueues the periodic tasks, operations/schedule.py) as its children:

- SIGTERM or SIGINT (Ctrl+C, `./dev stop`): both children stop gracefully (running requests
  and the running task finish), then the supervisor exits;
- SIGHUP (`./dev reload`): gunicorn replaces its workers one by one, the worker restarts after
  its current task, the scheduler restarts: a new release's code is live without a refused
  request;
- a child that ends by itself: the worker or the scheduler is started again (with a growing
  pause), gunicorn ending stops everything (the service manager restarts it);
- the supervisor killed outright (SIGKILL): the children get SIGTERM from the kernel
  (PR_SET_PDEATHSIG), so nothing is left running.
"""

from __future__ import annotations

import contextlib
import ctypes
import fcntl
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections

ROOT = Path(settings.BASE_DIR)
STOP_TIMEOUT = 45  # seconds: gunicorn's graceful_timeout (30) and a running task's end
PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    """In the child before exec: SIGTERM when the supervisor dies, however it dies."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    os.setpgid(0, 0)  # a Ctrl+C in the terminal reaches the supervisor only; it stops them


def _running_pid(path: Path) -> int | None:
    """The pid of the supervisor holding the lock, or None when none runs."""
    if not path.exists():
        return None
    with path.open("a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            text = handle.read().strip()
            return int(text) if text.isdigit() else -1
        fcntl.flock(handle, fcntl.LOCK_UN)
    return None


class Restarted:
    """A child started again when it ends by itself, after a pause growing with each failure."""

    def __init__(self, name: str, command: list[str], log: Callable[[str], None]) -> None:
        self.name, self.command, self.log = name, command, log
        self.process: subprocess.Popen[bytes] | None = None
        self.failures = 0
        self.next_start = 0.0

    def start(self) -> None:
        self.process = subprocess.Popen(self.command, cwd=ROOT, preexec_fn=_die_with_parent)  # noqa: PLW1509
        self.log(f"{self.name} started (pid {self.process.pid})")

    def restart(self) -> None:
        """After a reload: the running one finishes what it does, then a new one starts."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait()
        self.failures = 0
        self.start()

    def watch(self) -> None:
        if self.process is not None and self.process.poll() is not None:
            self.failures += 1
            pause = min(2 ** (self.failures - 1), 60)
            self.log(f"{self.name} ended with {self.process.returncode}; again in {pause} s")
            self.process = None
            self.next_start = time.monotonic() + pause
        if self.process is None and time.monotonic() >= self.next_start:
            self.start()


class Supervisor:
    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.gunicorn: subprocess.Popen[bytes] | None = None
        manage = [sys.executable, str(ROOT / "manage.py")]
        self.worker = Restarted("task worker", [*manage, "db_worker", "--interval", "1"], self.log)
        self.scheduler = Restarted("scheduler", [*manage, "run_scheduler"], self.log)
        self.stopping = False
        self.reloading = False

    def log(self, message: str) -> None:
        self.out.write(f"serve: {message}\n")
        self.out.flush()

    def start_gunicorn(self) -> None:
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "-c",
            "python:aftersales.operations.gunicorn_conf",
        ]
        self.gunicorn = subprocess.Popen(command, cwd=ROOT, preexec_fn=_die_with_parent)  # noqa: PLW1509
        self.log(f"gunicorn started (pid {self.gunicorn.pid})")

    def on_stop(self, signum: int, _frame: Any) -> None:
        self.stopping = True

    def on_reload(self, signum: int, _frame: Any) -> None:
        self.reloading = True

    def run(self) -> int:
        signal.signal(signal.SIGTERM, self.on_stop)
        signal.signal(signal.SIGINT, self.on_stop)
        signal.signal(signal.SIGHUP, self.on_reload)
        self.worker.start()
        self.scheduler.start()
        self.start_gunicorn()
        assert self.gunicorn is not None
        code = 0
        while not self.stopping:
            if self.reloading:
                self.reloading = False
                self.log(
                    "reload: gunicorn replaces its workers, the task worker and the scheduler "
                    "restart"
                )
                self.gunicorn.send_signal(signal.SIGHUP)
                self.worker.restart()  # the worker finishes its task first
                self.scheduler.restart()
            if self.gunicorn.poll() is not None:
                # SIGTERM to gunicorn itself is a stop too: nothing stays behind.
                self.log(f"gunicorn ended with {self.gunicorn.returncode}: stopping")
                code = 0 if self.gunicorn.returncode == 0 else 1
                break
            self.worker.watch()
            self.scheduler.watch()
            time.sleep(0.2)
        self.stop()
        return code

    def stop(self) -> None:
        self.log("stopping: running requests and the running task finish first")
        processes = (self.gunicorn, self.worker.process, self.scheduler.process)
        children = [child for child in processes if child is not None]
        for child in children:
            if child.poll() is None:
                child.terminate()
        deadline = time.monotonic() + STOP_TIMEOUT
        for child in children:
            try:
                child.wait(timeout=max(deadline - time.monotonic(), 0.1))
            except subprocess.TimeoutExpired:
                self.log(f"pid {child.pid} did not stop in {STOP_TIMEOUT} s: killed")
                child.kill()
                child.wait()
        self.log("stopped")


class Command(BaseCommand):
    help = (
        "Production start: prepares the release and runs gunicorn, the task worker and the "
        "scheduler under one supervisor (--stop, --reload for a running one)."
    )
    requires_system_checks: list[str] = []  # the deploy checks run in prepare, with one line

    def add_arguments(self, parser: CommandParser) -> None:
        action = parser.add_mutually_exclusive_group()
        action.add_argument("--stop", action="store_true", help="stop the running instance")
        action.add_argument(
            "--reload", action="store_true", help="graceful restart (new code, no request lost)"
        )
        action.add_argument("--status", action="store_true", help="is an instance running?")
        parser.add_argument(
            "--no-prepare", action="store_true", help="skip checks, migrate and collectstatic"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        pid_file = Path(settings.SERVE_PID_FILE)
        if options["stop"] or options["reload"] or options["status"]:
            self._control(pid_file, options)
            return
        pid_file.parent.mkdir(parents=True, exist_ok=True)
        handle = pid_file.open("a+")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            running = handle.read().strip() or "?"
            raise CommandError(
                f"Aftersales is already running (pid {running}, lock {pid_file}); "
                "stop it with ./dev stop or reload it with ./dev reload."
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        self._refuse_public_trial()
        try:
            if not options["no_prepare"]:
                self._prepare()
            connections.close_all()  # the children open their own
            code = Supervisor(sys.stdout).run()
        finally:
            with contextlib.suppress(OSError):
                pid_file.unlink()
            handle.close()
        if code:
            raise SystemExit(code)

    def _refuse_public_trial(self) -> None:
        bind = os.environ.get("BIND", "")
        if settings.LOCAL_TRIAL and bind and not bind.startswith(("127.", "localhost", "[::1]")):
            raise CommandError(
                f"LOCAL_TRIAL serves over plain http: bind it to 127.0.0.1, not {bind}."
            )

    def _prepare(self) -> None:
        from .prepare_release import prepare_release

        prepare_release()

    def _control(self, pid_file: Path, options: dict[str, Any]) -> None:
        pid = _running_pid(pid_file)
        if pid is None or pid <= 0:
            if options["status"]:
                raise CommandError("Aftersales is not running.")
            raise CommandError(f"Aftersales is not running (no lock held on {pid_file}).")
        if options["status"]:
            self.stdout.write(f"Aftersales is running (pid {pid}).")
        elif options["reload"]:
            os.kill(pid, signal.SIGHUP)
            self.stdout.write(f"Reload requested (pid {pid}).")
        else:
            os.kill(pid, signal.SIGTERM)
            deadline = time.monotonic() + STOP_TIMEOUT + 5
            while _running_pid(pid_file) is not None and time.monotonic() < deadline:
                time.sleep(0.2)
            if _running_pid(pid_file) is not None:
                raise CommandError(f"Aftersales (pid {pid}) did not stop in time.")
            self.stdout.write(f"Aftersales stopped (pid {pid}).")
