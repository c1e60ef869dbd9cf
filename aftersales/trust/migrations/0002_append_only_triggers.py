"""The database itself refuses to change chain links and anchors.

PostgreSQL: UPDATE and DELETE are refused (TRUNCATE, which test flushes use, is not a row
operation and stays possible). SQLite: UPDATE is refused; DELETE stays possible there because
Django's flush (tests) empties tables with DELETE. Tests that tamper on purpose disable the
trigger first (`ALTER TABLE ... DISABLE TRIGGER`, or drop and re-create it on SQLite).
"""

from django.db import migrations

TABLES = ["trust_chainlink", "trust_chainanchor", "trust_anchorpublication"]

PG_FUNCTION = """
CREATE OR REPLACE FUNCTION trust_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION USING MESSAGE = TG_TABLE_NAME || ' is append-only (' || TG_OP || ' refused)';
END;
$$ LANGUAGE plpgsql;
"""


def pg_trigger(table: str) -> str:
    return (
        f"DROP TRIGGER IF EXISTS {table}_append_only ON {table};"
        f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
        "FOR EACH ROW EXECUTE FUNCTION trust_append_only();"
    )


def sqlite_trigger(table: str) -> str:
    return (
        f"CREATE TRIGGER IF NOT EXISTS {table}_append_only BEFORE UPDATE ON {table} "
        f"BEGIN SELECT RAISE(ABORT, '{table} is append-only (UPDATE refused)'); END;"
    )


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_FUNCTION)
        for table in TABLES:
            schema_editor.execute(pg_trigger(table))
    elif vendor == "sqlite":
        for table in TABLES:
            schema_editor.execute(sqlite_trigger(table))


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table in TABLES:
        if vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
        elif vendor == "sqlite":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only")
    if vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS trust_append_only()")


class Migration(migrations.Migration):
    dependencies = [("trust", "0001_chain")]

    operations = [migrations.RunPython(forwards, backwards)]
