"""The search structures outside the models: on PostgreSQL the GIN index over the documents'
tsvector; on SQLite an FTS5 table (where SQLite has FTS5; search/sqlite.py falls back to LIKE
otherwise). Each database skips the other's part."""

from django.db import migrations, OperationalError


def forwards(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS document_search_vector_idx "
            "ON documents_document USING gin (search_vector)"
        )
    elif connection.vendor == "sqlite":
        try:
            schema_editor.execute(
                "CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5("
                "number, title, body, tokenize = 'porter unicode61 remove_diacritics 2')"
            )
        except OperationalError:
            pass  # no FTS5 in this SQLite: the search uses LIKE


def backwards(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS document_search_vector_idx")
    elif connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS documents_fts")


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
