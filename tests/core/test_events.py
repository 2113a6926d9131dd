from dataclasses import dataclass

import pytest
from django.db import transaction

from marketplace.core.events import DomainEvent, publish, subscribe, unsubscribe


@dataclass(frozen=True, kw_only=True)
class SomethingHappened(DomainEvent):
    name = "test.something_happened"
    thing_id: int


@pytest.fixture
def received():
    seen = []

    def handler(event):
        seen.append(event.thing_id)

    def broken(event):
        raise RuntimeError("a failing subscriber")

    subscribe(SomethingHappened)(broken)
    subscribe(SomethingHappened)(handler)
    yield seen
    unsubscribe(SomethingHappened, broken)
    unsubscribe(SomethingHappened, handler)


def test_handlers_run_only_after_commit(db, received, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        publish(SomethingHappened(thing_id=7))
        assert received == []
    assert received == [7]


def test_rolled_back_work_publishes_nothing(transactional_db, received):
    with pytest.raises(RuntimeError), transaction.atomic():
        publish(SomethingHappened(thing_id=8))
        raise RuntimeError
    assert received == []


def test_outside_a_transaction_handlers_run_at_once(transactional_db, received):
    publish(SomethingHappened(thing_id=9))
    assert received == [9]


def test_subscribing_twice_registers_once(transactional_db, received):
    def once(event):
        received.append("once")

    subscribe(SomethingHappened)(once)
    subscribe(SomethingHappened)(once)
    try:
        publish(SomethingHappened(thing_id=1))
    finally:
        unsubscribe(SomethingHappened, once)
    assert received.count("once") == 1
