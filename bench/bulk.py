"""Writing millions of seed rows: COPY on PostgreSQL, secondary indexes built once at the end.

`bulk_create` spends most of a large seed in Python (a model instance per row, then each value
prepared for an UNNEST insert); COPY takes plain tuples. Columns a row does not give take the
model's default (`pre_save` of one template instance: `auto_now` fields become now), so the
rows are those `bulk_create` would write. Other databases (the SQLite test runs) use
`bulk_create`.
"""

import enum
from contextlib import contextmanager

from django.db import connection
from django.db.models import JSONField

BATCH = 2000


def _db_value(value):
    # psycopg would dump an Enum member by name; the column holds its value.
    return value.value if isinstance(value, enum.Enum) else value


def insert(model, rows: list[dict], *, want_ids: bool = True) -> list[int]:
    """Insert `rows` (field attname -> value, the same keys in every row); return their ids in
    order (when `want_ids`)."""
    if not rows:
        return []
    if connection.vendor != "postgresql":
        created = model.objects.bulk_create([model(**row) for row in rows], batch_size=BATCH)
        return [obj.pk for obj in created] if want_ids else []
    meta = model._meta
    given = list(rows[0])
    template = model(**rows[0])
    defaults = [
        field
        for field in meta.concrete_fields
        if field.attname not in given and not field.primary_key
    ]
    constant = tuple(
        _db_value(field.get_db_prep_save(field.pre_save(template, add=True), connection))
        for field in defaults
    )
    json_at = [n for n, name in enumerate(given) if isinstance(meta.get_field(name), JSONField)]
    json_field = {n: meta.get_field(given[n]) for n in json_at}
    ids = []
    columns = [meta.pk.column] if want_ids else []
    if want_ids:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [meta.db_table, meta.pk.column, len(rows)],
            )
            ids = [row[0] for row in cursor.fetchall()]
    columns += [meta.get_field(name).column for name in given] + [f.column for f in defaults]
    quote = connection.ops.quote_name
    statement = f"COPY {quote(meta.db_table)} ({', '.join(map(quote, columns))}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
        for n, row in enumerate(rows):
            values = [row[name] for name in given]
            for at in json_at:
                values[at] = json_field[at].get_db_prep_save(values[at], connection)
            copy.write_row(([ids[n]] if want_ids else []) + values + list(constant))
    return ids


@contextmanager
def indexes_built_after(tables: list[str]):
    """Drop the secondary indexes of `tables` (those backing no constraint) and re-create each
    from its own definition on the way out: one sorted build per index instead of millions of
    insertions into it. Inside a transaction, so a failure leaves them as they were."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT i.relname, pg_get_indexdef(x.indexrelid) FROM pg_index x"
            " JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid"
            " WHERE t.relname = ANY(%s) AND NOT x.indisprimary AND NOT x.indisunique"
            " AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)"
            " ORDER BY i.relname",
            [tables],
        )
        dropped = cursor.fetchall()
        for name, _ in dropped:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    yield
    with connection.cursor() as cursor:
        # Deferred foreign-key checks still pending on these tables forbid CREATE INDEX: run
        # them now (one check per inserted row, as at commit).
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        for _, definition in dropped:
            cursor.execute(definition)
