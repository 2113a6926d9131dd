from types import SimpleNamespace

import graphene
import pytest
from django.contrib.auth.models import AnonymousUser
from graphene_django import DjangoObjectType
from graphene_django.registry import Registry

from marketplace.accounts.graphql.types import User as UserType
from marketplace.accounts.models import User
from marketplace.core.audit import audit_record
from marketplace.core.models import AuditEvent
from marketplace.graphql.connections import ConnectionField, CountableConnection
from marketplace.graphql.dataloaders import DataLoader, register_siblings


class UserByIdLoader(DataLoader):
    context_key = "test_user_by_id"

    def batch_load(self, keys):
        users = User.objects.in_bulk(keys)
        return [users.get(key) for key in keys]


def resolve_actor(root, info):
    return UserByIdLoader(info.context).load_for(root, key=lambda event: event.actor_id)


class Event(graphene.ObjectType):
    action = graphene.String()
    actor = graphene.Field(UserType, resolver=resolve_actor)


class EventNode(DjangoObjectType):
    actor = graphene.Field(UserType, resolver=resolve_actor)

    class Meta:
        model = AuditEvent
        fields = ("action",)
        interfaces = (graphene.relay.Node,)
        connection_class = CountableConnection
        registry = Registry()  # keeps this test type out of the project's registry


class Query(graphene.ObjectType):
    events = graphene.List(Event)
    events_without_siblings = graphene.List(Event)
    event_page = ConnectionField(EventNode)

    @staticmethod
    def resolve_events(root, info):
        return register_siblings(info.context, AuditEvent.objects.order_by("id"))

    @staticmethod
    def resolve_events_without_siblings(root, info):
        return list(AuditEvent.objects.order_by("id"))

    @staticmethod
    def resolve_event_page(root, info, **kwargs):
        return AuditEvent.objects.order_by("id")


schema = graphene.Schema(query=Query)


@pytest.fixture
def context(rf):
    request = rf.post("/graphql/")
    request.user = AnonymousUser()
    return request


def make_events(count):
    for number in range(count):
        actor = User.objects.create_user(email=f"actor{number}@example.com")  # no slow hashing
        audit_record(actor=actor, action="test.happened")
    audit_record(actor=None, action="test.system")  # a null relation needs no query


def execute(document, context):
    result = schema.execute(document, context_value=context)
    assert result.errors is None, result.errors
    return result.data


@pytest.mark.parametrize("count", [2, 15])
def test_list_resolves_relations_in_constant_queries(db, context, count, django_assert_num_queries):
    make_events(count)
    with django_assert_num_queries(2):  # events, then all their actors at once
        data = execute("{ events { action actor { email } } }", context)
    actors = [event["actor"] for event in data["events"]]
    assert len(actors) == count + 1 and actors[-1] is None
    assert all(actor["email"] for actor in actors[:-1])


def test_without_registered_siblings_each_parent_costs_a_query(
    db, context, django_assert_num_queries
):
    make_events(3)
    with django_assert_num_queries(1 + 3):
        execute("{ eventsWithoutSiblings { actor { email } } }", context)


@pytest.mark.parametrize("count", [2, 15])
def test_connection_pages_count_and_batch(db, context, count, django_assert_num_queries):
    make_events(count)
    with django_assert_num_queries(3):  # count, page, actors
        data = execute(
            "{ eventPage(first: 10) { totalCount edges { node { actor { email } } } } }", context
        )
    assert data["eventPage"]["totalCount"] == count + 1
    assert len(data["eventPage"]["edges"]) == min(10, count + 1)


def test_connection_refuses_pages_over_100(db, context):
    result = schema.execute("{ eventPage(first: 101) { totalCount } }", context_value=context)
    assert result.errors[0].message == "`first` debe estar entre 0 y 100."
    assert result.errors[0].extensions == {"code": "invalid_page"}


class Recording(DataLoader):
    context_key = "test_recording"

    def __init__(self, context):
        super().__init__(context)
        self.batches = context.batches

    def batch_load(self, keys):
        self.batches.append(list(keys))
        return [None if key == "missing" else f"value-{key}" for key in keys]


@pytest.fixture
def plain_context():
    return SimpleNamespace(batches=[])


def test_load_many_keeps_order_deduplicates_and_caches(plain_context):
    loader = Recording(plain_context)
    assert loader.load_many(["b", "a", "b", "missing"]) == ["value-b", "value-a", "value-b", None]
    assert loader.load("a") == "value-a"
    assert plain_context.batches == [["b", "a", "missing"]]


def test_cache_is_shared_within_a_request_and_not_across(plain_context):
    Recording(plain_context).load("a")
    Recording(plain_context).load("a")
    other_request = SimpleNamespace(batches=plain_context.batches)
    Recording(other_request).load("a")
    assert plain_context.batches == [["a"], ["a"]]


def test_prime_seeds_but_never_overwrites(plain_context):
    loader = Recording(plain_context)
    loader.prime("a", "primed")
    loader.prime("a", "again")
    assert loader.load("a") == "primed"
    assert plain_context.batches == []


def test_load_for_batches_siblings_and_skips_null_keys(plain_context):
    parents = [SimpleNamespace(ref=ref) for ref in ("x", None, "y", "x")]
    register_siblings(plain_context, parents)
    loader = Recording(plain_context)
    assert [loader.load_for(p, key=lambda p: p.ref) for p in parents] == [
        "value-x",
        None,
        "value-y",
        "value-x",
    ]
    assert plain_context.batches == [["x", "y"]]


def test_loaded_values_batch_the_next_level_down(plain_context):
    class Parents(DataLoader):
        context_key = "test_parents"

        def batch_load(self, keys):
            return [SimpleNamespace(ref=f"grand-{key}") for key in keys]

    children = register_siblings(plain_context, [SimpleNamespace(ref=r) for r in "abc"])
    parents = [Parents(plain_context).load_for(c, key=lambda c: c.ref) for c in children]
    grandparents = Recording(plain_context)
    assert [grandparents.load_for(p, key=lambda p: p.ref) for p in parents][0] == "value-grand-a"
    assert plain_context.batches == [["grand-a", "grand-b", "grand-c"]]


def test_batch_load_must_return_one_value_per_key(plain_context):
    class Broken(DataLoader):
        context_key = "test_broken"

        def batch_load(self, keys):
            return []

    with pytest.raises(ValueError, match="returned 0 values for 1 keys"):
        Broken(plain_context).load("a")
