"""Periodic: end the tool sessions whose tool went silent (scheduled in apps.py)."""

from django_tasks import task

from .services import tool_sessions_close_stale


@task()
def close_stale_tool_sessions_task() -> int:
    return tool_sessions_close_stale()
