"""Limits checked while validating a document, so an abusive query is refused before a resolver
(or a database query) runs. Each rule reads its limit from settings when it runs.

graphene-django's view passes its `validation_rules` to graphql-core as the *whole* rule list, so
`validation_rules()` returns the specification's rules followed by ours.
"""

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from graphql import GraphQLError
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
from graphql.validation import ValidationRule, specified_rules

PAGINATION_ARGUMENTS = ("first", "last")


def _error(message: str, code: str, nodes=None) -> GraphQLError:
    return GraphQLError(message, nodes, extensions={"code": code})


def _is_meta_field(node: FieldNode) -> bool:
    # __typename is free; __schema/__type are governed by the introspection switch instead,
    # and the standard introspection query would otherwise exceed the depth limit.
    return node.name.value.startswith("__")


class _DocumentRule(ValidationRule):
    """A rule that checks the whole document once, on entering it."""

    def enter_document(self, node: DocumentNode, *_args: Any) -> None:
        self.check(node)

    def check(self, document: DocumentNode) -> None:
        raise NotImplementedError

    @staticmethod
    def operations(document: DocumentNode) -> list[OperationDefinitionNode]:
        return [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]

    @staticmethod
    def fragments(document: DocumentNode) -> dict[str, FragmentDefinitionNode]:
        return {
            d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
        }


class SingleOperationRule(_DocumentRule):
    """One operation per document: with several, limits per operation would be multiplied."""

    def check(self, document: DocumentNode) -> None:
        operations = self.operations(document)
        if len(operations) > 1:
            self.report_error(
                _error(
                    f"A request may contain one operation; this one contains {len(operations)}.",
                    "multiple_operations",
                    operations,
                )
            )


class AliasLimitRule(_DocumentRule):
    def check(self, document: DocumentNode) -> None:
        limit = settings.GRAPHQL_MAX_ALIASES
        count = 0
        stack: list[Any] = list(document.definitions)
        while stack:  # iterative: a very deep document must not exhaust the Python stack
            node = stack.pop()
            if isinstance(node, FieldNode) and node.alias is not None:
                count += 1
            selection_set = getattr(node, "selection_set", None)
            if selection_set is not None:
                stack.extend(selection_set.selections)
        if count > limit:
            self.report_error(
                _error(
                    f"The query uses {count} aliases; at most {limit} are allowed.",
                    "too_many_aliases",
                )
            )


class _TooDeep(Exception):
    pass


class DepthLimitRule(_DocumentRule):
    """Depth counts nested fields: `{ me { email } }` is 2. Fragments count where spread."""

    def check(self, document: DocumentNode) -> None:
        self.limit = settings.GRAPHQL_MAX_DEPTH
        self.fragment_defs = self.fragments(document)
        self.fragment_depths: dict[str, int] = {}
        self.visiting: set[str] = set()
        for operation in self.operations(document):
            try:
                self.depth(operation.selection_set, 0)
            except _TooDeep:
                self.report_error(
                    _error(
                        f"The query is nested more than {self.limit} levels deep.",
                        "query_too_deep",
                        [operation],
                    )
                )

    def depth(self, selection_set: SelectionSetNode | None, level: int) -> int:
        """Deepest field level below `level`; raises _TooDeep as soon as it passes the limit,
        so the walk never goes further than the limit allows."""
        deepest = level
        for selection in selection_set.selections if selection_set else ():
            if isinstance(selection, FieldNode):
                if _is_meta_field(selection):
                    continue
                if level + 1 > self.limit:
                    raise _TooDeep
                deepest = max(deepest, self.depth(selection.selection_set, level + 1))
            elif isinstance(selection, InlineFragmentNode):
                deepest = max(deepest, self.depth(selection.selection_set, level))
            elif isinstance(selection, FragmentSpreadNode):
                deepest = max(deepest, level + self.fragment_depth(selection.name.value))
                if deepest > self.limit:
                    raise _TooDeep
        return deepest

    def fragment_depth(self, name: str) -> int:
        # Memoised so fragments spread many times cost one walk; cycles and unknown fragments
        # are reported by the specification's rules.
        if name not in self.fragment_depths:
            fragment = self.fragment_defs.get(name)
            if fragment is None or name in self.visiting:
                return 0
            self.visiting.add(name)
            try:
                self.fragment_depths[name] = self.depth(fragment.selection_set, 0)
            finally:
                self.visiting.discard(name)
        return self.fragment_depths[name]


class CostLimitRule(_DocumentRule):
    """Every field costs 1; a field paginated with `first`/`last` multiplies the cost of its
    selection by that page size, so a nested list of lists is priced by what it can return."""

    variables: Mapping[str, Any] = {}

    def check(self, document: DocumentNode) -> None:
        limit = settings.GRAPHQL_MAX_COST
        self.fragment_defs = self.fragments(document)
        self.fragment_costs: dict[str, int] = {}
        self.visiting: set[str] = set()
        self.defaults = {
            definition.variable.name.value: definition.default_value
            for operation in self.operations(document)
            for definition in operation.variable_definitions or ()
        }
        for operation in self.operations(document):
            cost = self.cost(operation.selection_set)
            if cost > limit:
                self.report_error(
                    _error(
                        f"The query costs {cost}, above the limit of {limit}. "
                        "Ask for fewer fields or smaller pages.",
                        "query_too_costly",
                        [operation],
                    )
                )

    def cost(self, selection_set: SelectionSetNode | None) -> int:
        total = 0
        for selection in selection_set.selections if selection_set else ():
            if isinstance(selection, FieldNode):
                if not _is_meta_field(selection):
                    total += 1 + self.page_size(selection) * self.cost(selection.selection_set)
            elif isinstance(selection, InlineFragmentNode):
                total += self.cost(selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode):
                total += self.fragment_cost(selection.name.value)
        return total

    def fragment_cost(self, name: str) -> int:
        if name not in self.fragment_costs:
            fragment = self.fragment_defs.get(name)
            if fragment is None or name in self.visiting:
                return 0
            self.visiting.add(name)
            try:
                self.fragment_costs[name] = self.cost(fragment.selection_set)
            finally:
                self.visiting.discard(name)
        return self.fragment_costs[name]

    def page_size(self, node: FieldNode) -> int:
        sizes = [
            self.int_value(argument.value)
            for argument in node.arguments or ()
            if argument.name.value in PAGINATION_ARGUMENTS
        ]
        return max([1, *sizes])

    def int_value(self, value) -> int:
        if isinstance(value, VariableNode):
            name = value.name.value
            provided = self.variables.get(name) if isinstance(self.variables, Mapping) else None
            if isinstance(provided, int) and not isinstance(provided, bool):
                return provided
            value = self.defaults.get(name)
        if isinstance(value, IntValueNode):
            try:
                return int(value.value)
            except ValueError:
                return 1
        return 1


class IntrospectionRule(ValidationRule):
    """Refuses `__schema` and `__type` when settings.GRAPHQL_INTROSPECTION is off."""

    def enter_field(self, node: FieldNode, *_args: Any):
        if node.name.value in ("__schema", "__type") and not settings.GRAPHQL_INTROSPECTION:
            self.report_error(
                _error(
                    f"Introspection is disabled on this server; '{node.name.value}' "
                    "cannot be queried.",
                    "introspection_disabled",
                    [node],
                )
            )
            return self.SKIP
        return None


def validation_rules(
    variables: Mapping[str, Any] | None = None,
) -> tuple[type[ValidationRule], ...]:
    """The full rule list for one request; `variables` lets the cost rule price `first: $n`."""
    cost_rule = type(
        "CostLimitRule", (CostLimitRule,), {"variables": variables if variables else {}}
    )
    return (
        *specified_rules,
        SingleOperationRule,
        AliasLimitRule,
        DepthLimitRule,
        cost_rule,
        IntrospectionRule,
    )
