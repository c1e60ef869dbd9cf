"""Ends the tool sessions whose tool stopped sending heartbeats (run it every few minutes)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from aftersales.tools.services import tool_sessions_close_stale


class Command(BaseCommand):
    help = "Ends the tool sessions without a heartbeat for TOOL_HEARTBEAT_TIMEOUT_SECONDS."

    def handle(self, *args: Any, **options: Any) -> None:
        closed = tool_sessions_close_stale()
        self.stdout.write(f"{closed} tool session(s) timed out")
