"""Limits checked while validating a document, so an abusive query is refused before a resolver
(or a database query) runs. Each rule reads its limit from settings when it runs.

graphene-django's view passes its `validation_rules` to graphql-core as the *whole* rule list, so
`validation_rules()` returns the specification's rules followed by ours.
"""

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from graphql import GraphQLError, GraphQLSchema, TypeInfo
from graphql.language import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
)
from graphql.validation import ValidationContext, ValidationRule, specified_rules

from .cost import DocumentCost, is_meta_field


def _error(message: str, code: str, nodes=None) -> GraphQLError:
    return GraphQLError(message, nodes, extensions={"code": code})


# __schema/__type would otherwise push the standard introspection query past the depth limit.
_is_meta_field = is_meta_field


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
    """Refuses a document whose costliest operation passes settings.GRAPHQL_MAX_COST (the
    signed-in budget; the view applies the smaller anonymous one). See `cost.DocumentCost`."""

    variables: Mapping[str, Any] = {}

    def check(self, document: DocumentNode) -> None:
        limit = settings.GRAPHQL_MAX_COST
        for operation, cost in DocumentCost(
            self.context.schema, document, self.variables
        ).operation_costs():
            if cost > limit:
                self.report_error(
                    _error(
                        f"The query costs {cost}, above the limit of {limit}. "
                        "Ask for fewer fields or smaller pages.",
                        "query_too_costly",
                        [operation],
                    )
                )


class DocumentSizeRule(_DocumentRule):
    """Counts fields, fragments and variable definitions as written. Some of the
    specification's rules (overlapping fields, unused variables) take time quadratic in these,
    so a document with too many is refused before those rules run."""

    def check(self, document: DocumentNode) -> None:
        fields = fragments = variables = 0
        stack: list[Any] = list(document.definitions)
        while stack:
            node = stack.pop()
            if isinstance(node, FieldNode):
                fields += 1
            elif isinstance(node, FragmentSpreadNode | InlineFragmentNode | FragmentDefinitionNode):
                fragments += 1
            if isinstance(node, OperationDefinitionNode):
                variables += len(node.variable_definitions or ())
            selection_set = getattr(node, "selection_set", None)
            if selection_set is not None:
                stack.extend(selection_set.selections)
        for count, limit, code, message in (
            (
                fields,
                settings.GRAPHQL_MAX_FIELDS,
                "too_many_fields",
                _("La consulta pide %(count)d campos; se permiten como máximo %(limit)d."),
            ),
            (
                fragments,
                settings.GRAPHQL_MAX_FRAGMENTS,
                "too_many_fragments",
                _("La consulta usa %(count)d fragmentos; se permiten como máximo %(limit)d."),
            ),
            (
                variables,
                settings.GRAPHQL_MAX_VARIABLES,
                "too_many_variables",
                _("La consulta declara %(count)d variables; se permiten como máximo %(limit)d."),
            ),
        ):
            if count > limit:
                self.report_error(_error(message % {"count": count, "limit": limit}, code))


class IntrospectionRule(_DocumentRule):
    """Refuses `__schema` and `__type` when settings.GRAPHQL_INTROSPECTION is off."""

    def check(self, document: DocumentNode) -> None:
        if settings.GRAPHQL_INTROSPECTION:
            return
        stack: list[Any] = list(document.definitions)
        while stack:
            node = stack.pop()
            if isinstance(node, FieldNode) and node.name.value in ("__schema", "__type"):
                self.report_error(
                    _error(
                        f"Introspection is disabled on this server; '{node.name.value}' "
                        "cannot be queried.",
                        "introspection_disabled",
                        [node],
                    )
                )
                continue
            selection_set = getattr(node, "selection_set", None)
            if selection_set is not None:
                stack.extend(selection_set.selections)


def limit_rules(
    variables: Mapping[str, Any] | None = None,
) -> tuple[type[ValidationRule], ...]:
    """Our limits alone: each walks the document once, so they run (and can refuse it) before
    the specification's rules; `variables` lets the cost rule price `first: $n`."""
    cost_rule = type(
        "CostLimitRule", (CostLimitRule,), {"variables": variables if variables else {}}
    )
    return (
        DocumentSizeRule,
        SingleOperationRule,
        AliasLimitRule,
        DepthLimitRule,
        cost_rule,
        IntrospectionRule,
    )


def validation_rules(
    variables: Mapping[str, Any] | None = None,
) -> tuple[type[ValidationRule], ...]:
    """The specification's rules followed by ours, in one list."""
    return (*specified_rules, *limit_rules(variables))


def check_limits(
    schema: GraphQLSchema, document: DocumentNode, variables: Mapping[str, Any] | None = None
) -> list[GraphQLError]:
    """Run our limits on a parsed document without graphql-core's visitor (each rule walks the
    document once itself), stopping at the first rule that refuses it: the size rule comes
    first, so the other walks only ever see a bounded document."""
    errors: list[GraphQLError] = []
    context = ValidationContext(schema, document, TypeInfo(schema), errors.append)
    for rule in limit_rules(variables):
        rule(context).check(document)
        if errors:
            break
    return errors
