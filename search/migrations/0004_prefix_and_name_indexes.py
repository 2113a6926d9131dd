"""PostgreSQL only; SQLite scans its small catalogues.

- search_doc_name_prefix: autocomplete reads the names starting with what was typed in folded
  alphabetical order from this index, stopping at the few it shows, instead of matching and
  sorting every name holding the prefix (a thousand for "cla" at 100,000 listings). The "C"
  collation makes the index's order byte order, so it answers LIKE 'prefix%' and ORDER BY
  alike under any database collation.
- search_doc_name_vector: the name's lexemes (weight A) on their own, so "listings with the
  word in their name", where a frequent word's ranking starts, is an index lookup; a
  weight-restricted query on the whole vector tests every match's vector instead.
- search_doc_municipality_newest: a frequent word within one municipality is read newest
  first from the listings of that municipality alone, as search_doc_newest does for the whole
  catalogue (the search page's municipality filter).
"""

from django.db import migrations

FORWARD = (
    "CREATE INDEX IF NOT EXISTS search_doc_name_prefix ON search_searchdocument"
    ' ((name_folded COLLATE "C"), product_id)',
    "CREATE INDEX IF NOT EXISTS search_doc_name_vector ON search_searchdocument"
    " USING gin (ts_filter(search_vector, '{a}'))",
    "CREATE INDEX IF NOT EXISTS search_doc_municipality_newest ON search_searchdocument"
    " (municipality_slug, published_at DESC NULLS LAST, product_id DESC)",
)
BACKWARD = (
    "DROP INDEX IF EXISTS search_doc_municipality_newest",
    "DROP INDEX IF EXISTS search_doc_name_vector",
    "DROP INDEX IF EXISTS search_doc_name_prefix",
)


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0003_newest_order_index")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
