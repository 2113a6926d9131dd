"""graphql-core's executor, specialised for this schema: every resolver is synchronous (Django's
ORM), and a request has a deadline.

The stock executor supports resolvers that return awaitables, so it asks of every value it
handles whether it is one: about 7,500 checks for a page of 100 products. It also builds, for
every field of every object, a path, a resolve-info record and the field's arguments, and walks
a chain of type checks to complete the value. Here each selection set is planned once per
request (`_FieldPlan`): which resolver, whether it is graphene's plain attribute read, the
arguments (they depend only on the document and the variables), and whether the value is a
leaf. A page of 100 products then reads its plain fields straight off the objects, and builds
a path and a resolve-info record only for a resolver that takes one or for an error.

The time budget is checked once per object whose fields are about to run, instead of wrapping
every resolver in a middleware (2,176 calls for the same page). What a query returns, and every
error and its path, stay exactly as graphql-core's (tests compare the two on every branch); any
field middleware still runs through graphql-core's own code path.
"""

import time
from typing import Any

from graphql import (
    GraphQLEnumType,
    GraphQLError,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLUnionType,
    located_error,
)
from graphql.execution import ExecutionContext
from graphql.execution.execute import invalid_return_type_error
from graphql.execution.values import get_argument_values
from graphql.pyutils import Path, Undefined, inspect, is_iterable

from .budget import TimeBudgetExceeded
from .selection import plain_attribute


def _never_awaitable(_value: Any) -> bool:
    return False


class _FieldPlan:
    """One field of a selection set on one object type, worked out once per request."""

    __slots__ = (
        "response_name",
        "field_nodes",
        "field_def",
        "return_type",
        "resolve",
        "reader",
        "attribute",
        "default",
        "args",
        "leaf",
        "non_null",
        "object_type",
        "list_type",
    )

    def __init__(self, response_name, field_nodes, field_def, resolve):
        self.response_name = response_name
        self.field_nodes = field_nodes
        self.field_def = field_def
        self.return_type = field_def.type if field_def else None
        self.resolve = resolve
        self.args = None if field_def and field_def.args else {}
        plain = plain_attribute(resolve) if field_def and not field_def.args else None
        self.attribute, self.default = plain or (None, None)
        self.reader = plain is not None
        inner = self.return_type
        self.non_null = isinstance(inner, GraphQLNonNull)
        if self.non_null:
            inner = inner.of_type
        self.leaf = inner if isinstance(inner, GraphQLScalarType | GraphQLEnumType) else None
        # The completion a value that is neither null nor an error gets, chosen once.
        self.object_type = inner if isinstance(inner, GraphQLObjectType) else None
        self.list_type = inner if isinstance(inner, GraphQLList) else None


class SyncExecutionContext(ExecutionContext):
    is_awaitable = staticmethod(_never_awaitable)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # graphql-core builds a manager even for an empty list of middleware.
        manager = self.middleware_manager
        self.with_middleware = bool(manager and manager.middlewares)
        # id(fields) -> (fields, parent type, plans). The fields dicts come from graphql-core's
        # per-request subfield cache (or the operation's root), which keeps them alive; the dict
        # is kept here too, so an id is never reused while its entry exists.
        self._plans: dict[int, tuple[dict, GraphQLObjectType, list[_FieldPlan]]] = {}

    def _check_deadline(self) -> None:
        # The view sets it on the request, which graphene-django passes as the context.
        deadline = getattr(self.context_value, "graphql_deadline", None)
        if deadline is not None and time.monotonic() > deadline:
            raise TimeBudgetExceeded

    def _plan(self, parent_type, fields) -> list[_FieldPlan]:
        entry = self._plans.get(id(fields))
        if entry is not None and entry[0] is fields and entry[1] is parent_type:
            return entry[2]
        plans = []
        for response_name, field_nodes in fields.items():
            field_def = parent_type.fields.get(field_nodes[0].name.value)
            resolve = (field_def.resolve or self.field_resolver) if field_def else None
            plans.append(_FieldPlan(response_name, field_nodes, field_def, resolve))
        self._plans[id(fields)] = (fields, parent_type, plans)
        return plans

    def execute_fields(self, parent_type, source_value, path, fields):
        self._check_deadline()
        if self.with_middleware:
            return super().execute_fields(parent_type, source_value, path, fields)
        results = {}
        for plan in self._plan(parent_type, fields):
            if plan.field_def is None:  # __typename and introspection fields
                result = super().execute_field(
                    parent_type,
                    source_value,
                    plan.field_nodes,
                    Path(path, plan.response_name, parent_type.name),
                )
                if result is not Undefined:
                    results[plan.response_name] = result
                continue
            results[plan.response_name] = self._execute_planned(
                plan, parent_type, source_value, path
            )
        return results

    def execute_field(self, parent_type, source, field_nodes, path):
        if self.with_middleware:
            return super().execute_field(parent_type, source, field_nodes, path)
        # Reached from execute_fields_serially (mutations): one field, planned on the spot.
        field_def = parent_type.fields.get(field_nodes[0].name.value)
        if field_def is None:
            return super().execute_field(parent_type, source, field_nodes, path)
        plan = _FieldPlan(
            path.key, field_nodes, field_def, field_def.resolve or self.field_resolver
        )
        return self._execute_planned(plan, parent_type, source, path.prev, path)

    def _execute_planned(self, plan, parent_type, source, parent_path, path=None):
        info = None
        try:
            if plan.reader:
                # graphene's default resolver, read directly.
                if isinstance(source, dict):
                    result = source.get(plan.attribute, plan.default)
                else:
                    result = getattr(source, plan.attribute, plan.default)
            else:
                if path is None:
                    path = Path(parent_path, plan.response_name, parent_type.name)
                info = self.build_resolve_info(plan.field_def, plan.field_nodes, parent_type, path)
                args = plan.args
                if args is None:
                    args = get_argument_values(
                        plan.field_def, plan.field_nodes[0], self.variable_values
                    )
                    # Arguments depend only on the document and the variables; kept unless a
                    # value could be changed in place by a resolver.
                    if not any(isinstance(v, dict | list) for v in args.values()):
                        plan.args = args
                result = plan.resolve(source, info, **args)
            leaf = plan.leaf
            if leaf is not None:
                if isinstance(result, Exception):
                    raise result
                if result is None or result is Undefined:
                    if plan.non_null:
                        raise TypeError(
                            "Cannot return null for non-nullable field"
                            f" {parent_type.name}.{plan.field_nodes[0].name.value}."
                        )
                    return None
                serialized = leaf.serialize(result)
                if serialized is Undefined or serialized is None:
                    raise TypeError(
                        f"Expected `{inspect(leaf)}.serialize({inspect(result)})`"
                        f" to return non-nullable value, returned: {inspect(serialized)}"
                    )
                return serialized
            if path is None:
                path = Path(parent_path, plan.response_name, parent_type.name)
            if info is None:
                info = self.build_resolve_info(plan.field_def, plan.field_nodes, parent_type, path)
            if result is not None and result is not Undefined and not isinstance(result, Exception):
                if plan.object_type is not None:
                    return self.complete_object_value(
                        plan.object_type, plan.field_nodes, info, path, result
                    )
                if plan.list_type is not None:
                    return self.complete_list_value(
                        plan.list_type, plan.field_nodes, info, path, result
                    )
            return self.complete_value(plan.return_type, plan.field_nodes, info, path, result)
        except Exception as raw_error:
            if path is None:
                path = Path(parent_path, plan.response_name, parent_type.name)
            error = located_error(raw_error, plan.field_nodes, path.as_list())
            self.handle_field_error(error, plan.return_type, path)
            return None

    def execute_fields_serially(self, parent_type, source_value, path, fields):
        self._check_deadline()
        return super().execute_fields_serially(parent_type, source_value, path, fields)

    def complete_value(self, return_type, field_nodes, info, path, result):
        if isinstance(result, Exception):
            raise result
        if result is None or result is Undefined:
            if isinstance(return_type, GraphQLNonNull):
                raise TypeError(
                    "Cannot return null for non-nullable field"
                    f" {info.parent_type.name}.{info.field_name}."
                )
            return None
        # A value that is not null never completes to null (a leaf that serialises to null
        # raises), so a non-null type needs no check after completing its inner type.
        if isinstance(return_type, GraphQLNonNull):
            return_type = return_type.of_type
        if isinstance(return_type, GraphQLScalarType | GraphQLEnumType):
            return self.complete_leaf_value(return_type, result)
        if isinstance(return_type, GraphQLObjectType):
            return self.complete_object_value(return_type, field_nodes, info, path, result)
        if isinstance(return_type, GraphQLList):
            return self.complete_list_value(return_type, field_nodes, info, path, result)
        if isinstance(return_type, GraphQLInterfaceType | GraphQLUnionType):
            return self.complete_abstract_value(return_type, field_nodes, info, path, result)
        return super().complete_value(return_type, field_nodes, info, path, result)

    def complete_object_value(self, return_type, field_nodes, info, path, result):
        sub_field_nodes = self.collect_subfields(return_type, field_nodes)
        is_type_of = return_type.is_type_of
        if is_type_of is not None and not is_type_of(result, info):
            raise invalid_return_type_error(return_type, result, field_nodes)
        return self.execute_fields(return_type, result, path, sub_field_nodes)

    def complete_list_value(self, return_type, field_nodes, info, path, result):
        if not is_iterable(result):
            raise GraphQLError(
                "Expected Iterable, but did not find one for field"
                f" '{info.parent_type.name}.{info.field_name}'."
            )
        item_type = return_type.of_type
        # Items of an object type that are neither null nor errors complete as objects directly.
        inner = item_type.of_type if isinstance(item_type, GraphQLNonNull) else item_type
        object_type = inner if isinstance(inner, GraphQLObjectType) else None
        completed_results = []
        append = completed_results.append
        for index, item in enumerate(result):
            item_path = path.add_key(index, None)
            try:
                if (
                    object_type is not None
                    and item is not None
                    and item is not Undefined
                    and not isinstance(item, Exception)
                ):
                    append(
                        self.complete_object_value(object_type, field_nodes, info, item_path, item)
                    )
                    continue
                append(self.complete_value(item_type, field_nodes, info, item_path, item))
            except Exception as raw_error:
                error = located_error(raw_error, field_nodes, item_path.as_list())
                self.handle_field_error(error, item_type, item_path)
                append(None)
        return completed_results
