"""What a release needs before it serves: a reachable database, said in one line if not."""

from __future__ import annotations

from django.core.management.base import CommandError
from django.db import DatabaseError, connection


def database_description() -> str:
    """host:port/name of the default database (no password), or the SQLite file."""
    config = connection.settings_dict
    if connection.vendor == "sqlite":
        return str(config["NAME"])
    host = config.get("HOST") or "localhost"
    port = config.get("PORT") or ""
    return f"{host}{':' if port else ''}{port}/{config.get('NAME')}"


def first_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return text[0] if text else type(error).__name__


def database_reachable_or_error() -> None:
    try:
        connection.ensure_connection()
    except DatabaseError as error:
        raise CommandError(
            f"The database {database_description()} cannot be reached: {first_line(error)} "
            "(check DATABASE_URL and that the server runs)"
        ) from None
