"""manage.py run_scheduler: enqueues the portal's periodic tasks when they are due
(aftersales/operations/schedule.py); the task worker (db_worker) runs them."""

from __future__ import annotations

import signal
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections
from django.utils import timezone

from aftersales import clock
from aftersales.operations.models import ScheduledJob
from aftersales.operations.schedule import jobs, jobs_enqueue_due


class Command(BaseCommand):
    help = (
        "Enqueues the periodic tasks (chain anchor and verification, stale tool sessions, "
        "clean-ups) when they are due, for the task worker to run. Runs until SIGTERM; "
        "any number of schedulers may run, each slot is enqueued once."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--interval", type=float, default=15.0, help="seconds between looks (default 15)"
        )
        parser.add_argument("--once", action="store_true", help="look once and exit")
        parser.add_argument("--list", action="store_true", help="list the jobs and exit")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["list"]:
            self._list()
            return
        self.stopping = False
        signal.signal(signal.SIGTERM, self._stop)
        signal.signal(signal.SIGINT, self._stop)
        self.stdout.write(f"scheduler: {len(jobs())} jobs", ending="\n")
        self.stdout.flush()
        while True:
            if not options["once"]:
                close_old_connections()  # a lost database connection is opened again
            try:
                for name in jobs_enqueue_due():
                    self.stdout.write(f"scheduler: {name} enqueued")
                    self.stdout.flush()
            except Exception as error:  # noqa: BLE001 - the database may be down: look again
                self.stderr.write(f"scheduler: {type(error).__name__}: {error}")
            if options["once"]:
                return
            deadline = time.monotonic() + options["interval"]
            while not self.stopping and time.monotonic() < deadline:
                time.sleep(0.2)
            if self.stopping:
                self.stdout.write("scheduler: stopped")
                return

    def _stop(self, signum: int, _frame: Any) -> None:
        self.stopping = True

    def _list(self) -> None:
        now = clock.now()
        last = {row.name: row for row in ScheduledJob.objects.all()}
        for job in jobs():
            row = last.get(job.name)
            done = (
                f"{timezone.localtime(row.last_due_at):%Y-%m-%d %H:%M}"
                if row and row.last_due_at
                else "never"
            )
            following = timezone.localtime(job.next_slot(now))
            self.stdout.write(
                f"{job.name:32} {job.when:18} last {done:16} next {following:%Y-%m-%d %H:%M}"
            )
