"""The limit rules on their own, against a small recursive schema."""

import pytest
from graphql import build_schema, parse, validate

from marketplace.graphql.validation import validation_rules

SCHEMA = build_schema(
    """
    type Query { item: Item, items(first: Int, last: Int): [Item] }
    type Item { name: String, child: Item, children(first: Int, last: Int): [Item] }
    """
)


def codes(document: str, variables=None) -> list[str | None]:
    errors = validate(SCHEMA, parse(document), validation_rules(variables))
    return [(error.extensions or {}).get("code") for error in errors]


def nested(levels: int) -> str:
    """A query whose deepest field is at `levels`: item, then children, then name."""
    children = levels - 2
    return "{ item { " + "child { " * children + "name" + " }" * children + " } }"


@pytest.fixture(autouse=True)
def limits(settings):
    settings.GRAPHQL_MAX_DEPTH = 10
    settings.GRAPHQL_MAX_ALIASES = 100
    settings.GRAPHQL_MAX_COST = 1000
    settings.GRAPHQL_INTROSPECTION = True


def test_depth_at_the_limit_passes_and_one_more_fails():
    assert codes(nested(10)) == []
    assert codes(nested(11)) == ["query_too_deep"]


def test_depth_follows_fragments():
    document = """
    { item { ...A } }
    fragment A on Item { child { child { ...B } } }
    fragment B on Item { child { child { child { child { child { child { name } } } } } } }
    """
    assert codes(document) == []  # item, 2 in A, 6 in B, name: 10
    assert codes(document.replace("{ name }", "{ child { name } }")) == ["query_too_deep"]


def test_meta_fields_do_not_count_towards_depth_or_cost(settings):
    settings.GRAPHQL_MAX_DEPTH = 2
    settings.GRAPHQL_MAX_COST = 2
    assert codes("{ __typename item { __typename name } }") == []


def test_fragment_cycles_are_reported_by_the_standard_rule_not_a_crash():
    document = "{ item { ...A } } fragment A on Item { child { ...A } }"
    assert None in codes(document)  # NoFragmentCyclesRule, no code


def test_cost_multiplies_children_by_page_size():
    # items (1) + 10 * (name 1 + children (1) + 20 * name (1)) = 1 + 10 * 22 = 221
    document = "{ items(first: 10) { name children(first: 20) { name } } }"
    assert codes(document) == []
    assert codes(document.replace("first: 20", "first: 100")) == ["query_too_costly"]


def test_cost_reads_variables_then_defaults():
    document = "query($n: Int = 5) { items(first: $n) { children(last: $n) { name } } }"
    assert codes(document) == []  # 1 + 5 * (1 + 5 * 1)
    assert codes(document, {"n": 100}) == ["query_too_costly"]  # 1 + 100 * 101


def test_cost_of_fragments_spread_many_times_is_counted_each_time():
    spreads = " ".join(f"a{i}: items(first: 100) {{ ...F }}" for i in range(20))
    document = f"{{ {spreads} }} fragment F on Item {{ name }}"
    assert codes(document) == ["query_too_costly"]


def test_alias_limit_counts_aliases_in_fragments_too():
    fields = " ".join(f"a{i}: name" for i in range(60))
    more = " ".join(f"b{i}: name" for i in range(41))
    document = f"{{ item {{ {fields} ...F }} }} fragment F on Item {{ {more} }}"
    assert codes(document) == ["too_many_aliases"]
    assert codes(document.replace("b40: name", "name")) == []


def test_one_operation_per_document():
    assert codes("query A { item { name } } query B { item { name } }") == ["multiple_operations"]


def test_introspection_switch(settings):
    assert codes('{ __type(name: "Item") { name } }') == []
    settings.GRAPHQL_INTROSPECTION = False
    assert codes('{ __type(name: "Item") { name } }') == ["introspection_disabled"]


def test_absurdly_deep_documents_are_refused_not_crashed():
    # The parser itself refuses documents nested much deeper than this.
    assert codes(nested(200)) == ["query_too_deep"]
    chain = " ".join(f"fragment F{i} on Item {{ ...F{i + 1} }}" for i in range(3000))
    assert codes("{ item { ...F0 } } " + chain + " fragment F3000 on Item { name }")
