from dataclasses import dataclass

import pytest
from django.db import connection

from marketplace.core.events import DomainEvent, subscribe, unsubscribe


@pytest.fixture
def postgres(transactional_db):
    """Tests of concurrency and of other processes sharing the database need PostgreSQL (the
    SQLite test database lives in this process's memory)."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL=postgres://...)")


@dataclass(frozen=True, kw_only=True)
class ParcelShipped(DomainEvent):
    name = "tests.parcel_shipped"
    parcel_id: int
    tags: tuple[str, ...] = ()


class Effects:
    """What the test handlers did, and how often the flaky one should still fail."""

    def __init__(self):
        self.seen: list[tuple] = []
        self.failures_left = 0

    def count(self, kind: str) -> int:
        return sum(1 for item in self.seen if item[0] == kind)


EFFECTS = Effects()


def record(event: ParcelShipped) -> None:
    EFFECTS.seen.append(("record", event.parcel_id, event.tags))


def flaky(event: ParcelShipped) -> None:
    if EFFECTS.failures_left > 0:
        EFFECTS.failures_left -= 1
        raise RuntimeError("carrier API down")
    EFFECTS.seen.append(("flaky", event.parcel_id))


@pytest.fixture
def effects():
    EFFECTS.seen.clear()
    EFFECTS.failures_left = 0
    subscribe(ParcelShipped)(record)
    subscribe(ParcelShipped)(flaky)
    yield EFFECTS
    unsubscribe(ParcelShipped, record)
    unsubscribe(ParcelShipped, flaky)
