"""The full-text index of services: FTS5 on SQLite, a weighted tsvector with GIN on PostgreSQL."""

from django.db import migrations

SQLITE = [
    "CREATE VIRTUAL TABLE directory_service_fts USING fts5("
    "service_id UNINDEXED, name, terms, body, tokenize = 'porter unicode61 remove_diacritics 2')",
]
POSTGRES = [
    "CREATE TABLE directory_service_fts (service_id varchar(250) PRIMARY KEY, name text, terms text, body text, "
    "document tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('english', coalesce(name, '')), 'A') || "
    "setweight(to_tsvector('english', coalesce(terms, '')), 'B') || "
    "setweight(to_tsvector('english', coalesce(body, '')), 'C')) STORED)",
    "CREATE INDEX directory_service_fts_document ON directory_service_fts USING gin (document)",
]


def create(apps, schema_editor):
    for sql in POSTGRES if schema_editor.connection.vendor == "postgresql" else SQLITE:
        schema_editor.execute(sql)


def drop(apps, schema_editor):
    schema_editor.execute("DROP TABLE IF EXISTS directory_service_fts")


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
