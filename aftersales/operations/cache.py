"""The database cache's table, created with the migrations."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command


def create_cache_tables(*, using: str = "default", verbosity: int = 1, **_kwargs: Any) -> None:
    """post_migrate: `createcachetable` (it creates only what is missing; a no-op for caches
    that are not database caches)."""
    call_command("createcachetable", database=using, verbosity=max(verbosity - 1, 0))
