"""What a document may cost to answer, priced before any resolver runs.

Every field costs 1; a field that returns a page (a Relay connection, or any field taking
`first`/`last`) multiplies the cost of its selection by the page size it can return. A connection
asked for without `first`/`last` still returns a full page (graphene-django fills in its maximum),
so it is priced at that maximum: `products { edges { node { vendor { products { ... } } } } }`
costs 100 x 100 x its leaves, as its SQL does.
"""

from collections.abc import Mapping
from typing import Any

from graphene_django.settings import graphene_settings
from graphql import (
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLSchema,
    get_named_type,
)
from graphql.language import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
)

PAGINATION_ARGUMENTS = ("first", "last")


def is_meta_field(node: FieldNode) -> bool:
    # __typename is free; __schema/__type are governed by the introspection switch instead.
    return node.name.value.startswith("__")


def _is_connection(named_type) -> bool:
    fields = getattr(named_type, "fields", None) or {}
    return "edges" in fields and "pageInfo" in fields


class DocumentCost:
    """Prices every operation of a parsed (not yet validated) document against `schema`.

    Unknown fields and fragments cost 1 and are left to the specification's rules; fragment
    costs are memoised per (fragment, type) so a fragment spread many times costs one walk."""

    def __init__(
        self,
        schema: GraphQLSchema | None,
        document: DocumentNode,
        variables: Mapping[str, Any] | None = None,
    ):
        self.schema = schema
        self.variables = variables if isinstance(variables, Mapping) else {}
        self.operations = [
            d for d in document.definitions if isinstance(d, OperationDefinitionNode)
        ]
        self.fragment_defs = {
            d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
        }
        self.defaults = {
            definition.variable.name.value: definition.default_value
            for operation in self.operations
            for definition in operation.variable_definitions or ()
        }
        self.fragment_costs: dict[str, int] = {}
        self.visiting: set[str] = set()
        self.max_page = graphene_settings.RELAY_CONNECTION_MAX_LIMIT or 100

    def operation_costs(self) -> list[tuple[OperationDefinitionNode, int]]:
        return [(op, self.cost(op.selection_set, self.root_type(op))) for op in self.operations]

    def root_type(self, operation: OperationDefinitionNode):
        if self.schema is None:
            return None
        return self.schema.get_root_type(operation.operation)

    def cost(self, selection_set: SelectionSetNode | None, parent) -> int:
        total = 0
        for selection in selection_set.selections if selection_set else ():
            if isinstance(selection, FieldNode):
                if not is_meta_field(selection):
                    field_type = self.field_type(parent, selection.name.value)
                    page = self.page_size(selection, field_type)
                    total += 1 + page * self.cost(selection.selection_set, field_type)
            elif isinstance(selection, InlineFragmentNode):
                total += self.cost(selection.selection_set, self.condition(selection, parent))
            elif isinstance(selection, FragmentSpreadNode):
                total += self.fragment_cost(selection.name.value)
        return total

    def field_type(self, parent, name: str):
        if not isinstance(parent, GraphQLObjectType | GraphQLInterfaceType):
            return None
        field = parent.fields.get(name)
        return get_named_type(field.type) if field is not None else None

    def condition(self, node, parent):
        if node.type_condition is None or self.schema is None:
            return parent
        return self.schema.get_type(node.type_condition.name.value)

    def fragment_cost(self, name: str) -> int:
        if name not in self.fragment_costs:
            fragment = self.fragment_defs.get(name)
            if fragment is None or name in self.visiting:
                return 0
            self.visiting.add(name)
            try:
                self.fragment_costs[name] = self.cost(
                    fragment.selection_set, self.condition(fragment, None)
                )
            finally:
                self.visiting.discard(name)
        return self.fragment_costs[name]

    def page_size(self, node: FieldNode, field_type) -> int:
        sizes = [
            self.int_value(argument.value)
            for argument in node.arguments or ()
            if argument.name.value in PAGINATION_ARGUMENTS
        ]
        sizes = [size for size in sizes if size is not None]
        if not sizes:
            return self.max_page if _is_connection(field_type) else 1
        return max([1, *sizes])

    def int_value(self, value) -> int | None:
        if isinstance(value, VariableNode):
            name = value.name.value
            provided = self.variables.get(name)
            if isinstance(provided, int) and not isinstance(provided, bool):
                return provided
            value = self.defaults.get(name)
        if isinstance(value, IntValueNode):
            try:
                return int(value.value)
            except ValueError:
                return None
        return None


def document_cost(schema, document: DocumentNode, variables=None) -> int:
    """The cost of the costliest operation in `document` (0 when it has none)."""
    return max(
        (cost for _op, cost in DocumentCost(schema, document, variables).operation_costs()),
        default=0,
    )
