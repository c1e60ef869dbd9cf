"""On PostgreSQL, the database itself refuses to edit or delete a ledger row (TRUNCATE, used by
test flushes, is not a row operation and stays possible)."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION billing_ledger_immutable() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION USING MESSAGE = 'billing ledger entries are append-only (' || TG_OP || ' refused)';
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS billing_ledger_immutable ON billing_ledgerentry;
CREATE TRIGGER billing_ledger_immutable BEFORE UPDATE OR DELETE ON billing_ledgerentry
    FOR EACH ROW EXECUTE FUNCTION billing_ledger_immutable();
"""
DROP = """
DROP TRIGGER IF EXISTS billing_ledger_immutable ON billing_ledgerentry;
DROP FUNCTION IF EXISTS billing_ledger_immutable();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("billing", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
