"""Domain events: how a lower app tells higher ones that something happened.

A service publishes an event inside its transaction; subscribers run only after the transaction
commits, so they never see (or act on) work that was rolled back. Subscribers register in their
`AppConfig.ready()`. One failing subscriber is logged and does not stop the others.
"""

import logging
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar, TypeVar

from django.db import transaction

logger = logging.getLogger(__name__)


@dataclass(frozen=True, kw_only=True)
class DomainEvent:
    """Subclass with the event's payload as fields; `name` identifies it in logs."""

    name: ClassVar[str] = "domain_event"


E = TypeVar("E", bound=DomainEvent)
Handler = Callable[[DomainEvent], None]

_subscribers: dict[type[DomainEvent], list[Handler]] = defaultdict(list)


def subscribe(event_type: type[E]) -> Callable[[Callable[[E], None]], Callable[[E], None]]:
    """Decorator: `@subscribe(VendorSuspended)` registers a handler (idempotent)."""

    def register(handler):
        if handler not in _subscribers[event_type]:
            _subscribers[event_type].append(handler)
        return handler

    return register


def unsubscribe(event_type: type[DomainEvent], handler: Handler) -> None:
    if handler in _subscribers[event_type]:
        _subscribers[event_type].remove(handler)


def subscribers(event_type: type[DomainEvent]) -> list[Handler]:
    return list(_subscribers[event_type])


def publish(event: DomainEvent, *, using: str | None = None) -> None:
    """Run every subscriber of the event's type after the current transaction commits."""
    for handler in subscribers(type(event)):
        transaction.on_commit(_guarded(handler, event), using=using)


def _guarded(handler: Handler, event: DomainEvent) -> Callable[[], None]:
    def run():
        try:
            handler(event)
        except Exception:
            logger.exception("Handler %s failed for event %s", handler.__qualname__, event.name)

    return run
