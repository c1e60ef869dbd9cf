"""Vehicle.import_fingerprint, and the PostgreSQL triggers that forget it when anything but the
import (which sets aftersales.vehicle_import = 'on' in its transaction) writes the vehicle, its
options, its CBS status or its mileage readings. The copy import (PostgreSQL) is the only one
that sets a fingerprint, so SQLite needs no trigger."""

from django.db import migrations, models

FORGET = """
CREATE FUNCTION vehicles_fingerprint_forget() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.import_fingerprint := NULL;
    RETURN NEW;
END $$;
-- An update that keeps a fingerprint it does not set itself (WHEN: no call otherwise).
CREATE TRIGGER vehicles_vehicle_fingerprint BEFORE UPDATE ON vehicles_vehicle FOR EACH ROW
    WHEN (OLD.import_fingerprint IS NOT NULL
          AND NEW.import_fingerprint IS NOT DISTINCT FROM OLD.import_fingerprint
          AND current_setting('aftersales.vehicle_import', true) IS DISTINCT FROM 'on')
    EXECUTE FUNCTION vehicles_fingerprint_forget();

CREATE FUNCTION vehicles_fingerprint_forget_of() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        UPDATE vehicles_vehicle SET import_fingerprint = NULL
        WHERE id = OLD.vehicle_id AND import_fingerprint IS NOT NULL;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        UPDATE vehicles_vehicle SET import_fingerprint = NULL
        WHERE id = NEW.vehicle_id AND import_fingerprint IS NOT NULL;
    END IF;
    RETURN NULL;
END $$;
"""
TABLES = ("vehicles_vehicleoption", "vehicles_vehiclecbsstatus", "vehicles_mileagereading")
FORGET_OF = """
CREATE TRIGGER {table}_fingerprint AFTER INSERT OR UPDATE OR DELETE ON {table} FOR EACH ROW
    WHEN (current_setting('aftersales.vehicle_import', true) IS DISTINCT FROM 'on')
    EXECUTE FUNCTION vehicles_fingerprint_forget_of();
"""


def create_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORGET + "".join(FORGET_OF.format(table=t) for t in TABLES))


def drop_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for table in TABLES:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_fingerprint ON {table}")
        schema_editor.execute(
            "DROP TRIGGER IF EXISTS vehicles_vehicle_fingerprint ON vehicles_vehicle;"
            "DROP FUNCTION IF EXISTS vehicles_fingerprint_forget();"
            "DROP FUNCTION IF EXISTS vehicles_fingerprint_forget_of();"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("vehicles", "0005_mileage_reading_emissions_test"),
    ]

    operations = [
        migrations.AddField(
            model_name="vehicle",
            name="import_fingerprint",
            field=models.BinaryField(editable=False, null=True),
        ),
        migrations.RunPython(create_triggers, drop_triggers),
    ]
