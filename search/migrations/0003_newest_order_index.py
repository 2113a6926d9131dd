"""PostgreSQL only: the newest-first order (NULLs last, then id) that listings and a frequent
word's candidate set read, so the newest matches come from the index, stopping at the limit.
SQLite cannot index NULLS LAST, and its catalogue never grows to need it."""

from django.db import migrations

FORWARD = (
    "CREATE INDEX IF NOT EXISTS search_doc_newest ON search_searchdocument"
    " (published_at DESC NULLS LAST, product_id DESC)"
)
BACKWARD = "DROP INDEX IF EXISTS search_doc_newest"


def _run(statement):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0002_search_terms")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
