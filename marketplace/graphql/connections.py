"""Relay connections: `first`/`last` capped at 100 (graphene-django's
RELAY_CONNECTION_MAX_LIMIT default refuses more), a `totalCount`, and each page registered for
sibling batching so the nodes' relations load in constant queries (see dataloaders).

Forward pages (`first`/`after`) read one row more than they return to know whether another page
follows, and count the whole list only when `totalCount` is asked for: on a catalogue of
100,000 listings that count costs more than the page itself."""

import graphene
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from graphene_django import DjangoConnectionField
from graphene_django.utils import maybe_queryset
from graphql import GraphQLError
from graphql_relay import get_offset_with_default, offset_to_cursor

from .dataloaders import register_siblings


class CountableConnection(graphene.relay.Connection):
    """Use as `connection_class` in a DjangoObjectType's Meta."""

    class Meta:
        abstract = True

    total_count = graphene.Int(required=True, description="Number of items in all pages.")

    @staticmethod
    def resolve_total_count(root, info):
        # Counted here, on demand, for forward pages (see ConnectionField.resolve_connection).
        if root.length is None:
            root.length = root.iterable.count()
        return root.length


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


class ConnectionField(DjangoConnectionField):
    """A DjangoConnectionField whose resolver must return a queryset from a selector (tenant
    isolation lives there), and whose page's nodes become siblings for dataloaders."""

    @classmethod
    def resolve_connection(cls, connection, args, iterable, max_limit=None):
        iterable = maybe_queryset(iterable)
        backward = args.get("last") is not None or args.get("before") is not None
        if not isinstance(iterable, QuerySet) or backward or args.get("offset"):
            return super().resolve_connection(connection, args, iterable, max_limit=max_limit)
        first = args.get("first")
        if first is None:
            first = max_limit
        start = get_offset_with_default(args.get("after"), -1) + 1
        end = start + first + 1 if first is not None else None
        rows = list(iterable[start:end])
        more = first is not None and len(rows) > first
        rows = rows[:first] if first is not None else rows
        edges = [
            connection.Edge(node=row, cursor=offset_to_cursor(start + index))
            for index, row in enumerate(rows)
        ]
        page = connection(
            edges=edges,
            page_info=graphene.relay.PageInfo(
                start_cursor=edges[0].cursor if edges else None,
                end_cursor=edges[-1].cursor if edges else None,
                # As graphql-relay answers for forward pages.
                has_previous_page=False,
                has_next_page=more,
            ),
        )
        page.iterable = iterable
        page.length = None if first is not None else start + len(rows)
        return page

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
        **args,
    ):
        _check_page_arguments(args, max_limit)

        # Without a resolver graphene-django would fall back to the model's default manager,
        # which skips the selectors.
        def resolve_required(root, info, **arguments):
            iterable = resolver(root, info, **arguments)
            if iterable is None:
                raise ValueError(f"{info.parent_type.name}.{info.field_name} resolved to None")
            return iterable

        result = super().connection_resolver(
            resolve_required,
            connection,
            default_manager,
            queryset_resolver,
            max_limit,
            enforce_first_or_last,
            root,
            info,
            **args,
        )
        register_siblings(info.context, [edge.node for edge in result.edges])
        return result
