"""What the benches share: a PostgreSQL database of their own, made afresh for a run."""

from __future__ import annotations


def database_recreate(url: str) -> str:
    """Drops the database `url` names (closing its connections) and creates it empty; returns
    its name. Only for a bench's own database."""
    import psycopg
    from psycopg import sql
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    name = conninfo_to_dict(url)["dbname"]
    with psycopg.connect(make_conninfo(url, dbname="postgres"), autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return name
