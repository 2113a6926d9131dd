"""Keyset ("seek") pages for connections over a queryset.

An OFFSET cursor makes the database walk and throw away every row before the page, so page 500
of a 100,000-row list costs 500 times page 1. A keyset cursor holds the last row's sort values
(the queryset's ORDER BY, which must end in the primary key, so every row has one place), and
the next page filters for rows beyond them: with an index on the sort, any page is a seek into
the index followed by the page's own rows.

NULLs sort after every value in ascending order on PostgreSQL and before them on SQLite; the
conditions follow the database's rule, so a page boundary inside a run of NULLs pages correctly.
The first sort column is compared with a plain range (`>=`, `<=`, `IS NULL`) in a query of its
own, the form an index range scan can start from; NULLs that sort after the values come from a
second query, which only runs once the values are used up.
"""

import base64
import datetime
import decimal
import json
from collections.abc import Iterator

from django.core.exceptions import FieldDoesNotExist
from django.db import connections
from django.db.models import Q, QuerySet

PREFIX = "keyset:"
OFFSET_PREFIX = "arrayconnection:"  # graphql-relay's offset cursors, issued before keysets

Keys = list[tuple[str, bool]]  # (attname, descending)


class BadCursor(ValueError):
    pass


def sort_keys(queryset: QuerySet) -> Keys | None:
    """The queryset's ordering as (column attname, descending), or None when it cannot be
    paged by keyset (an expression, a related field, or not ending in the primary key)."""
    query = queryset.query
    meta = queryset.model._meta
    order = query.order_by or (meta.ordering if query.default_ordering else ())
    keys: Keys = []
    for item in order:
        if not isinstance(item, str) or "__" in item or item.startswith("?"):
            return None
        name = item.lstrip("-")
        try:
            field = meta.pk if name == "pk" else meta.get_field(name)
        except FieldDoesNotExist:
            return None
        if field.is_relation and not field.primary_key:
            return None
        descending = item.startswith("-") != (not query.standard_ordering)
        keys.append((field.attname, descending))
    if not keys or keys[-1][0] != meta.pk.attname:
        return None
    return keys


def _plain(value):
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()  # full precision: the cursor is compared for equality
    if isinstance(value, decimal.Decimal):
        return str(value)
    return value


def encode(keys: Keys, row) -> str:
    payload = {"k": [name for name, _desc in keys], "v": [_plain(getattr(row, n)) for n, _ in keys]}
    text = json.dumps(payload, separators=(",", ":"))
    return base64.urlsafe_b64encode((PREFIX + text).encode()).decode()


def decode(cursor: str) -> str:
    try:
        return base64.urlsafe_b64decode(cursor.encode() + b"=" * (-len(cursor) % 4)).decode()
    except (ValueError, UnicodeError):
        raise BadCursor(cursor) from None


def offset_of(text: str) -> int | None:
    """The offset of a graphql-relay cursor (decoded), or None when it is not one."""
    if not text.startswith(OFFSET_PREFIX):
        return None
    try:
        offset = int(text[len(OFFSET_PREFIX) :])
    except ValueError:
        raise BadCursor(text) from None
    if offset < 0:
        raise BadCursor(text)
    return offset


def values_of(text: str, keys: Keys) -> list:
    """A keyset cursor's values, checked against the sort the page is asked in."""
    if not text.startswith(PREFIX):
        raise BadCursor(text)
    try:
        payload = json.loads(text[len(PREFIX) :])
        names, values = payload["k"], payload["v"]
    except (ValueError, KeyError, TypeError):
        raise BadCursor(text) from None
    if names != [name for name, _desc in keys] or len(values) != len(keys):
        raise BadCursor(text)  # a cursor of another sort
    return values


def _nulls_last(queryset: QuerySet, descending: bool) -> bool:
    largest = connections[queryset.db].features.nulls_order_largest
    return largest != descending


def _beyond(queryset: QuerySet, name: str, descending: bool, value) -> Q:
    """Rows whose `name` sorts strictly after `value`."""
    nulls_last = _nulls_last(queryset, descending)
    if value is None:
        return Q(pk__in=[]) if nulls_last else Q(**{f"{name}__isnull": False})
    beyond = Q(**{f"{name}__{'lt' if descending else 'gt'}": value})
    return beyond | Q(**{f"{name}__isnull": True}) if nulls_last else beyond


def _after(queryset: QuerySet, keys: Keys, values: list) -> Q:
    """Rows that sort strictly after the row whose sort values are `values`."""
    (name, descending), value = keys[0], values[0]
    beyond = _beyond(queryset, name, descending, value)
    if len(keys) == 1:
        return beyond
    equal = Q(**{f"{name}__isnull": True}) if value is None else Q(**{name: value})
    return beyond | (equal & _after(queryset, keys[1:], values[1:]))


def segments(queryset: QuerySet, keys: Keys, values: list) -> Iterator[QuerySet]:
    """The rows after the cursor, in order, as querysets to read one after the other."""
    (name, descending), value = keys[0], values[0]
    nulls_last = _nulls_last(queryset, descending)
    rest = (lambda: _after(queryset, keys[1:], values[1:])) if len(keys) > 1 else None
    if value is None:
        ties = queryset.filter(**{f"{name}__isnull": True})
        yield ties.filter(rest()) if rest else ties.none()
        if not nulls_last:
            yield queryset.filter(**{f"{name}__isnull": False})
        return
    strictly = Q(**{f"{name}__{'lt' if descending else 'gt'}": value})
    tied = Q(**{name: value}) & rest() if rest else Q(pk__in=[])
    # The redundant range is what lets the database seek instead of scanning from the start.
    bound = queryset.filter(**{f"{name}__{'lte' if descending else 'gte'}": value})
    yield bound.filter(strictly | tied)
    if nulls_last:
        yield queryset.filter(**{f"{name}__isnull": True})


def read(queryset: QuerySet, keys: Keys, values: list | None, limit: int) -> list:
    """Up to `limit` rows after the cursor (from the start when `values` is None)."""
    if values is None:
        return list(queryset[:limit])
    rows: list = []
    for segment in segments(queryset, keys, values):
        rows.extend(segment[: limit - len(rows)])
        if len(rows) >= limit:
            break
    return rows
