"""Relay connections: `first`/`last` capped at 100 (graphene-django's
RELAY_CONNECTION_MAX_LIMIT default refuses more), a `totalCount`, and each page registered for
sibling batching so the nodes' relations load in constant queries (see dataloaders).

Pages read one row more than they return to know whether another page follows, and count only
when `totalCount` is asked for. A field made with `keyset=True` (the public catalogue, whose
lists run to 100,000 rows) pages by keyset cursors (see keyset), so a deep page costs what the
first one does, and counts exactly only small lists (see counting)."""

from functools import partial

import graphene
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from graphene_django import DjangoConnectionField
from graphene_django.utils import maybe_queryset
from graphql import GraphQLError
from graphql_relay import cursor_to_offset, get_offset_with_default, offset_to_cursor

from . import keyset
from .counting import EXACT_UP_TO, count_for_page
from .dataloaders import register_siblings
from .selection import node_columns


class CountableConnection(graphene.relay.Connection):
    """Use as `connection_class` in a DjangoObjectType's Meta."""

    class Meta:
        abstract = True

    total_count = graphene.Int(
        required=True,
        description="Number of items in all pages. Exact unless `totalCountIsExact` is false: "
        f"lists of the public catalogue are counted exactly up to {EXACT_UP_TO:,} items, and "
        "beyond that the figure is the database's estimate (never below that limit).",
    )
    total_count_is_exact = graphene.Boolean(
        required=True, description="False when `totalCount` is an estimate."
    )

    @staticmethod
    def resolve_total_count(root, info):
        return count_for_page(root)[0]

    @staticmethod
    def resolve_total_count_is_exact(root, info):
        return count_for_page(root)[1]


def _page_error(message: str) -> GraphQLError:
    return GraphQLError(message, extensions={"code": "invalid_page"})


def _check_page_arguments(args: dict, max_limit: int | None) -> None:
    """graphene-django checks these with `assert` (whose text would reach the client) and not
    at all for negative numbers, which end up as negative slices."""
    for name in ("first", "last"):
        value = args.get(name)
        if value is not None and (value < 0 or (max_limit and value > max_limit)):
            raise _page_error(
                _("`%(name)s` debe estar entre 0 y %(max)d.") % {"name": name, "max": max_limit}
            )
    offset = args.get("offset")
    if offset is not None and offset < 0:
        raise _page_error(_("`offset` no puede ser negativo."))
    if offset is not None and args.get("before") is not None:
        raise _page_error(_("`offset` no se puede usar junto con `before`."))


def _bad_cursor() -> GraphQLError:
    return _page_error(
        _("El cursor no es válido para esta lista y este orden. Vuelve a pedir la primera página.")
    )


def _page(connection, rows, cursors, *, has_previous, has_next, iterable, length, estimate):
    edges = [
        connection.Edge(node=row, cursor=cursor) for row, cursor in zip(rows, cursors, strict=True)
    ]
    page = connection(
        edges=edges,
        page_info=graphene.relay.PageInfo(
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
            has_previous_page=has_previous,
            has_next_page=has_next,
        ),
    )
    page.iterable = iterable
    page.length = length
    page.estimate = estimate
    return page


def _offset_page(connection, args, iterable, max_limit):
    """Forward pages by offset, for lists that are not keyset paged."""
    first = args.get("first")
    if first is None:
        first = max_limit
    start = get_offset_with_default(args.get("after"), -1) + 1
    end = start + first + 1 if first is not None else None
    rows = list(iterable[start:end])
    more = first is not None and len(rows) > first
    rows = rows[:first] if first is not None else rows
    cursors = [offset_to_cursor(start + index) for index in range(len(rows))]
    # As graphql-relay answers for forward pages.
    return _page(
        connection,
        rows,
        cursors,
        has_previous=False,
        has_next=more,
        iterable=iterable,
        length=None if first is not None else start + len(rows),
        estimate=False,
    )


def _read_keyset(args, queryset, order, size, backward):
    """Up to size + 1 rows in reading order (backwards for `before`), or an offset page for a
    cursor issued before keyset pages, served once that way: the page's own cursors are keyset
    ones, so the client's next page seeks."""
    cursor = args.get("before") if backward else args.get("after")
    if not cursor:
        return keyset.read(queryset, order, None, size + 1)
    try:
        text = keyset.decode(cursor)
        offset = keyset.offset_of(text)
        if offset is None:
            return keyset.read(queryset, order, keyset.values_of(text, order), size + 1)
    except keyset.BadCursor:
        raise _bad_cursor() from None
    if not backward:
        return list(queryset[offset + 1 : offset + size + 2])
    start = max(0, offset - size - 1)  # `queryset` is read backwards: its reverse is the list
    return list(queryset.reverse()[start:offset])[::-1]


def _keyset_page(connection, args, queryset, keys, max_limit):
    """A page after `after`, or before `before` (read backwards), by keyset."""
    backward = args.get("last") is not None or args.get("before") is not None
    if backward and (args.get("first") is not None or args.get("after") is not None):
        raise _page_error(_("Usa `first` con `after`, o `last` con `before`, no ambos."))
    size = args.get("last") if backward else args.get("first")
    size = max_limit if size is None else size
    ordered = queryset.reverse() if backward else queryset
    rows = _read_keyset(args, ordered, keyset.sort_keys(ordered), size, backward)
    more = len(rows) > size
    rows = rows[:size]
    if backward:
        rows.reverse()
    cursor = args.get("before") if backward else args.get("after")
    return _page(
        connection,
        rows,
        [keyset.encode(keys, row) for row in rows],
        has_previous=more if backward else bool(cursor),
        has_next=bool(cursor) if backward else more,
        iterable=queryset,
        # A first page with no next one holds the whole list.
        length=len(rows) if not cursor and not backward and not more else None,
        estimate=True,
    )


def _only_selected_columns(info, iterable):
    """The page's rows read only the columns its nodes' selection needs (see selection), the
    sort's (cursors are made of them) and those of the relations joined in."""
    if not isinstance(iterable, QuerySet) or iterable._fields is not None:
        return iterable
    related = iterable.query.select_related
    columns = node_columns(info, info.return_type, iterable.model)
    if columns is None or related is True:
        return iterable
    meta = iterable.model._meta
    sort = [meta.get_field(attname).name for attname, _desc in keyset.sort_keys(iterable) or ()]
    return iterable.only(*columns, *sort, *(related or ()))


class ConnectionField(DjangoConnectionField):
    """A DjangoConnectionField whose resolver must return a queryset from a selector (tenant
    isolation lives there), and whose page's nodes become siblings for dataloaders.

    `keyset=True` pages by keyset when the queryset's order allows it (see keyset), and lets
    `totalCount` estimate large lists."""

    def __init__(self, *args, keyset: bool = False, **kwargs):
        self.keyset = keyset
        super().__init__(*args, **kwargs)

    def wrap_resolve(self, parent_resolver):
        resolver = super().wrap_resolve(parent_resolver)
        return partial(resolver, keyset_paged=self.keyset)

    @classmethod
    def resolve_connection(cls, connection, args, iterable, max_limit=None, keyset_paged=False):
        iterable = maybe_queryset(iterable)
        if isinstance(iterable, QuerySet) and keyset_paged and not args.get("offset"):
            keys = keyset.sort_keys(iterable)
            if keys is not None:
                return _keyset_page(connection, args, iterable, keys, max_limit)
        backward = args.get("last") is not None or args.get("before") is not None
        if not isinstance(iterable, QuerySet) or backward or args.get("offset"):
            # graphene-django adds the decoded cursor to the offset: one that is not an offset
            # cursor (a keyset cursor, or made up) must be refused before, not raise inside.
            if any(args.get(k) and cursor_to_offset(args[k]) is None for k in ("after", "before")):
                raise _bad_cursor()
            return super().resolve_connection(connection, args, iterable, max_limit=max_limit)
        return _offset_page(connection, args, iterable, max_limit)

    @classmethod
    def connection_resolver(
        cls,
        resolver,
        connection,
        default_manager,
        queryset_resolver,
        max_limit,
        enforce_first_or_last,
        root,
        info,
        *,
        keyset_paged=False,
        **args,
    ):
        # graphene-django's own checks are `assert`s (see _check_page_arguments), and without a
        # resolver it would fall back to the model's default manager, which skips the selectors.
        _check_page_arguments(args, max_limit)
        iterable = resolver(root, info, **args)
        if iterable is None:
            raise ValueError(f"{info.parent_type.name}.{info.field_name} resolved to None")
        iterable = _only_selected_columns(info, queryset_resolver(connection, iterable, info, args))
        result = cls.resolve_connection(
            connection, args, iterable, max_limit=max_limit, keyset_paged=keyset_paged
        )
        register_siblings(info.context, [edge.node for edge in result.edges])
        return result
