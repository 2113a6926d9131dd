from dataclasses import dataclass

import pytest
from django.db import transaction

from marketplace.core import events
from marketplace.core.events import DomainEvent, after_commit, publish


@dataclass(frozen=True, kw_only=True)
class ShelfChanged(DomainEvent):
    name = "tests.shelf_changed"
    shelf_id: int


@pytest.fixture
def heard():
    seen = []

    def listener(event):
        seen.append(event.shelf_id)

    def broken(_event):
        raise RuntimeError("cache down")

    after_commit(ShelfChanged)(broken)
    after_commit(ShelfChanged)(listener)
    yield seen
    events._after_commit.pop(ShelfChanged, None)


def test_listeners_run_after_the_commit_and_a_failing_one_is_only_logged(
    db, heard, django_capture_on_commit_callbacks, caplog
):
    with django_capture_on_commit_callbacks(execute=True):
        publish(ShelfChanged(shelf_id=7))
        assert heard == []
    assert heard == [7]
    assert "cache down" in caplog.text


def test_a_rolled_back_publication_reaches_no_listener(
    db, heard, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        publish(ShelfChanged(shelf_id=8))
        raise RuntimeError
    assert heard == []
