"""manage.py prepare_release: what a release needs before it serves (the systemd unit's
ExecStartPre; `manage.py serve` runs the same): the database reachable, the deployment checks,
migrate (which also creates the cache table) and the static files."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand

from aftersales.operations.release import database_reachable_or_error


class Command(BaseCommand):
    help = "Checks the settings and the database, migrates and collects the static files."
    requires_system_checks: list[str] = []

    def handle(self, *args: Any, **options: Any) -> None:
        prepare_release()


def prepare_release() -> None:
    database_reachable_or_error()
    call_command("check", deploy=True, fail_level="WARNING")
    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
