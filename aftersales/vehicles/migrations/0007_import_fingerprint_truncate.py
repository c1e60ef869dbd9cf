"""TRUNCATE fires no row trigger: emptying the options, CBS status or mileage readings that way
forgets every vehicle's import fingerprint (migration 0006 covers the row writes)."""

from django.db import migrations

TABLES = ("vehicles_vehicleoption", "vehicles_vehiclecbsstatus", "vehicles_mileagereading")
FORGET_ALL = """
CREATE FUNCTION vehicles_fingerprint_forget_all() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE vehicles_vehicle SET import_fingerprint = NULL WHERE import_fingerprint IS NOT NULL;
    RETURN NULL;
END $$;
"""
ON_TRUNCATE = """
CREATE TRIGGER {table}_fingerprint_truncate AFTER TRUNCATE ON {table} FOR EACH STATEMENT
    EXECUTE FUNCTION vehicles_fingerprint_forget_all();
"""


def create_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORGET_ALL + "".join(ON_TRUNCATE.format(table=t) for t in TABLES))


def drop_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for table in TABLES:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_fingerprint_truncate ON {table}")
        schema_editor.execute("DROP FUNCTION IF EXISTS vehicles_fingerprint_forget_all()")


class Migration(migrations.Migration):
    dependencies = [
        ("vehicles", "0006_vehicle_import_fingerprint"),
    ]

    operations = [migrations.RunPython(create_triggers, drop_triggers)]
