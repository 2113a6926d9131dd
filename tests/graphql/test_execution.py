"""The synchronous executor answers exactly what graphql-core's own executor answers: data,
errors, their paths and null propagation, on a schema built to reach every branch."""

import time
from types import SimpleNamespace

import graphene
import pytest
from graphql import execute, parse

from marketplace.graphql.budget import TimeBudgetExceeded
from marketplace.graphql.execution import SyncExecutionContext


class Colour(graphene.Enum):
    RED = "red"
    BLUE = "blue"


class Named(graphene.Interface):
    name = graphene.String()


class Pet(graphene.ObjectType):
    class Meta:
        interfaces = (Named,)

    legs = graphene.Int(required=True)


class Item(graphene.ObjectType):
    class Meta:
        interfaces = (Named,)

    value = graphene.Int(required=True)
    maybe = graphene.Int()
    broken = graphene.Int()
    broken_required = graphene.Int(required=True)
    tags = graphene.List(graphene.NonNull(graphene.String))
    times = graphene.Int(by=graphene.Int(default_value=2))
    # Read by graphene's default resolver, which the executor reads directly.
    absent = graphene.Int()
    absent_required = graphene.String(required=True)
    odd = graphene.Int()
    odd_required = graphene.Int(required=True)
    colour = graphene.Field(Colour)
    child = graphene.Field(lambda: Item)
    joined = graphene.String(parts=graphene.List(graphene.String), sep=graphene.String())

    @staticmethod
    def resolve_broken(root, info):
        raise ValueError("broken")

    @staticmethod
    def resolve_broken_required(root, info):
        return None

    @staticmethod
    def resolve_tags(root, info):
        return ["a", None, "c"] if root.value == 2 else ["a"]

    @staticmethod
    def resolve_times(root, info, by):
        return root.value * by

    @staticmethod
    def resolve_joined(root, info, parts=None, sep="-"):
        # Changes the list it was given: arguments must not be shared between objects.
        parts = parts if parts is not None else []
        parts.append(str(root.value))
        return sep.join(parts)


class Strict(graphene.ObjectType):
    value = graphene.Int()

    @classmethod
    def is_type_of(cls, root, info):
        return getattr(root, "ok", False)


class Query(graphene.ObjectType):
    items = graphene.List(graphene.NonNull(Item), required=True, count=graphene.Int())
    loose_items = graphene.List(Item)
    named = graphene.List(Named)
    not_a_list = graphene.List(graphene.Int)
    returns_error = graphene.String()
    dicts = graphene.List(Item)
    stricts = graphene.List(Strict)
    odd_items = graphene.List(Item)

    @staticmethod
    def resolve_items(root, info, count=3):
        return [SimpleNamespace(value=n, maybe=None, name=f"item {n}") for n in range(count)]

    @staticmethod
    def resolve_loose_items(root, info):
        return [SimpleNamespace(value=1, maybe=1, name="x"), None]

    @staticmethod
    def resolve_named(root, info):
        return [Pet(name="Luna", legs=4), Item(name="Arepa", value=1)]

    @staticmethod
    def resolve_not_a_list(root, info):
        return 5

    @staticmethod
    def resolve_returns_error(root, info):
        return ValueError("returned, not raised")

    @staticmethod
    def resolve_stricts(root, info):
        return [SimpleNamespace(ok=True, value=1), SimpleNamespace(ok=False, value=2)]

    @staticmethod
    def resolve_dicts(root, info):
        return [{"value": 1, "name": "uno", "colour": "red", "child": {"value": 2}}, {"value": 3}]

    @staticmethod
    def resolve_odd_items(root, info):
        child = SimpleNamespace(value=9, odd=None, odd_required=None)
        return [
            SimpleNamespace(value=1, odd="1.5", odd_required=2, colour="green", child=child),
            SimpleNamespace(value=2, odd=True, odd_required="x", colour="blue", child=None),
        ]


class Mutation(graphene.ObjectType):
    bump = graphene.Int(required=True, by=graphene.Int(required=True))
    fail = graphene.Int()

    @staticmethod
    def resolve_bump(root, info, by):
        return by + 1

    @staticmethod
    def resolve_fail(root, info):
        raise ValueError("no")


schema = graphene.Schema(query=Query, mutation=Mutation, types=[Pet, Item]).graphql_schema

DOCUMENTS = [
    "{ items { value maybe name times(by: 5) __typename } }",
    "query($n: Int) { items(count: $n) { value tags } }",
    "{ items { value broken } }",
    "{ items { value brokenRequired } }",
    "{ looseItems { value brokenRequired } }",
    "{ looseItems { value maybe } }",
    "{ named { name __typename ... on Pet { legs } ... on Item { value } } }",
    "{ notAList }",
    "{ returnsError }",
    "{ __typename items { value } }",
    "{ __schema { queryType { name } } }",
    "{ items { absent } }",
    "{ stricts { value } }",
    "{ items { value absentRequired } }",
    "{ looseItems { absentRequired } }",
    "{ dicts { value name colour absent child { value child { value } } } }",
    "{ dicts { absentRequired } }",
    "{ oddItems { odd colour child { value odd } } }",
    "{ oddItems { oddRequired } }",
    "{ oddItems { value child { oddRequired } } }",
    '{ items { joined(parts: ["a"]) dash: joined(sep: "+", parts: $parts) } }',
    "query($by: Int) { items { times(by: $by) again: times(by: 3) } }",
    "query($s: String) { items { joined(sep: $s) } }",
    "{ items { value ... on Item { value name } ...F } } fragment F on Item { maybe }",
    "mutation { bump(by: 1) again: bump(by: 2) fail __typename }",
    "mutation($by: Int!) { bump(by: $by) }",
]


def _both(document: str, variables=None):
    parsed = parse(document)
    expected = execute(schema, parsed, variable_values=variables)
    got = execute(
        schema,
        parsed,
        variable_values=variables,
        context_value=SimpleNamespace(),
        execution_context_class=SyncExecutionContext,
    )
    return expected, got


@pytest.mark.parametrize("document", DOCUMENTS)
def test_answers_what_graphql_core_answers(document):
    expected, got = _both(document, {"n": 4, "parts": ["x", "y"], "by": 7, "s": "/"})
    assert got.data == expected.data
    assert [e.formatted for e in got.errors or []] == [e.formatted for e in expected.errors or []]


def test_the_branches_under_test_do_produce_errors():
    # Guards the comparison above against comparing two empty answers.
    _expected, got = _both("{ items { value brokenRequired } }")
    assert got.data is None
    assert got.errors[0].path == ["items", 0, "brokenRequired"]
    _expected, got = _both("{ items { value tags } }")
    assert got.data["items"][2] == {"value": 2, "tags": None}
    assert got.errors[0].path == ["items", 2, "tags", 1]
    _expected, got = _both('{ items { joined(parts: ["a"]) } }')
    assert [item["joined"] for item in got.data["items"]] == ["a-0", "a-1", "a-2"]
    _expected, got = _both("{ oddItems { odd colour child { value odd } } }")
    assert [e.path for e in got.errors] == [["oddItems", 0, "odd"], ["oddItems", 0, "colour"]]
    assert got.data["oddItems"][1]["odd"] == 1
    _expected, got = _both("{ stricts { value } }")
    assert got.data == {"stricts": [{"value": 1}, None]}
    assert got.errors[0].path == ["stricts", 1]
    _expected, got = _both("{ dicts { value colour child { value } } }")
    assert got.data["dicts"][0] == {"value": 1, "colour": "RED", "child": {"value": 2}}


def test_stops_once_the_deadline_has_passed():
    context = SimpleNamespace(graphql_deadline=time.monotonic() - 1)
    with pytest.raises(TimeBudgetExceeded):
        execute(
            schema,
            parse("{ items { value } }"),
            context_value=context,
            execution_context_class=SyncExecutionContext,
        )


def test_runs_field_middleware_when_there_is_some():
    seen = []

    class Spy:
        def resolve(self, next_, root, info, **kwargs):
            seen.append(info.field_name)
            return next_(root, info, **kwargs)

    result = execute(
        schema,
        parse("{ items(count: 1) { value } }"),
        context_value=SimpleNamespace(),
        middleware=[Spy()],
        execution_context_class=SyncExecutionContext,
    )
    assert result.data == {"items": [{"value": 0}]}
    assert seen == ["items", "value"]
