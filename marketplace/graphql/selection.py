"""Which model columns a query's selection reads, so that a list loads only those.

A product page of 100 rows read every column of its products, vendors and images: timestamps
parsed into aware datetimes, JSON decoded, descriptions copied, none of it asked for. Here a
field reads:

- nothing, for `__typename`;
- the primary key, for the relay `id`;
- its own column, when graphene reads it as a plain attribute and the attribute is a column of
  the model (the allow-listed model fields of a DjangoObjectType);
- what its type declares in `column_needs` (GraphQL field name -> model field names) for a field
  with a resolver of its own.

Any other field makes the answer None and the whole row is loaded, as before. Forgetting a
column in `column_needs` cannot change an answer, only cost one query per row (Django loads a
deferred column when it is read), which the query-count tests would show.
"""

from functools import partial
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from graphene.types.resolver import dict_or_attr_resolver
from graphql import GraphQLList, GraphQLNonNull, GraphQLObjectType
from graphql.execution.collect_fields import collect_sub_fields

_MEMO_ATTR = "_graphql_columns"


def plain_attribute(resolve) -> tuple[str, Any] | None:
    """(attribute, default) when `resolve` is graphene's default resolver, which only reads an
    attribute (or a key of a dict) of the parent."""
    if (
        isinstance(resolve, partial)
        and resolve.func is dict_or_attr_resolver
        and len(resolve.args) == 2
        and not resolve.keywords
    ):
        return resolve.args[0], resolve.args[1]
    return None


def _unwrap(graphql_type):
    while isinstance(graphql_type, GraphQLNonNull | GraphQLList):
        graphql_type = graphql_type.of_type
    return graphql_type


def _subfields(info, object_type: GraphQLObjectType, field_nodes) -> dict:
    return collect_sub_fields(
        info.schema, info.fragments, info.variable_values, object_type, field_nodes
    )


def _field_columns(graphene_type, model, object_type, name: str) -> tuple | None:
    if name == "__typename":
        return ()
    field_def = object_type.fields.get(name)
    declared = getattr(graphene_type, "column_needs", {})
    if name in declared:
        return tuple(declared[name])
    if name == "id" and any(interface.name == "Node" for interface in object_type.interfaces):
        return (model._meta.pk.name,)
    plain = plain_attribute(field_def.resolve) if field_def and not field_def.args else None
    if plain is None:
        return None
    try:
        field = model._meta.get_field(plain[0])
    except FieldDoesNotExist:
        return None
    if not field.concrete or field.is_relation:
        return None
    return (field.name,)


def model_columns(info, object_type, field_nodes) -> frozenset[str] | None:
    """The model fields the selection `field_nodes` makes of `object_type` reads, with the
    primary key; None when some selected field is not known to read only columns."""
    memo = getattr(info.context, _MEMO_ATTR, None)
    if memo is None:
        memo = {}
        setattr(info.context, _MEMO_ATTR, memo)
    # Asked once per row of a page, with the same list of field nodes each time (graphql-core
    # keeps it for the whole request); the list is held here too, so its id is never reused.
    entry = memo.get(id(field_nodes))
    if entry is not None and entry[0] is field_nodes and entry[1] is object_type:
        return entry[2]
    found = _columns(info, object_type, field_nodes)
    memo[id(field_nodes)] = (field_nodes, object_type, found)
    return found


def _columns(info, object_type, field_nodes) -> frozenset[str] | None:
    object_type = _unwrap(object_type)
    graphene_type = getattr(object_type, "graphene_type", None)
    model = getattr(getattr(graphene_type, "_meta", None), "model", None)
    if model is None:
        return None
    columns = {model._meta.pk.name}
    for nodes in _subfields(info, object_type, field_nodes).values():
        needed = _field_columns(graphene_type, model, object_type, nodes[0].name.value)
        if needed is None:
            return None
        columns.update(needed)
    return frozenset(columns)


def node_columns(info, connection_type, model) -> frozenset[str] | None:
    """model_columns for the nodes of a connection field (`edges { node { … } }`) of `model`;
    an empty set when no node is selected, None when the nodes are not of `model`."""
    connection_type = _unwrap(connection_type)
    node_type = getattr(getattr(connection_type, "graphene_type", None), "_meta", None)
    node_type = getattr(getattr(node_type, "node", None), "_meta", None)
    if getattr(node_type, "model", None) is not model:
        return None
    edges = _subfields(info, connection_type, info.field_nodes).get("edges")
    if not edges:
        return frozenset()
    edge_type = _unwrap(connection_type.fields["edges"].type)
    nodes = _subfields(info, edge_type, edges).get("node")
    if not nodes:
        return frozenset()
    return model_columns(info, edge_type.fields["node"].type, nodes)
