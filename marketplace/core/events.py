"""Domain events: how a lower app tells higher ones that something happened, without losing it.

A service calls `publish(SomethingHappened(...))` inside its transaction. The event (its name
and JSON payload) is written to the outbox table in that same transaction, with one delivery row
per subscriber, so a rolled-back transaction publishes nothing and a committed one cannot lose
its event. After the commit the deliveries are dispatched: in-process in the embedded default,
as Celery tasks when a broker is configured (`marketplace.core.outbox`).

Guarantees and duties:
- delivery is at least once: a handler that raises is retried alone (exponential backoff with
  jitter, `OUTBOX_MAX_ATTEMPTS`, then parked as failed for operators), and the sweeper job
  re-dispatches deliveries that were committed but never ran (a process killed after the
  commit), so handlers must be idempotent: running one twice has the effect of running it once.
  Read current state by id; for external effects use `event.idempotency_key(...)`;
- payloads are dataclass fields holding JSON values (ids, strings, numbers, lists); tuples come
  back as tuples. `publish` refuses anything else before it writes;
- handlers register in their app's `AppConfig.ready()` with `subscribe(EventType)(handler)`
  and are identified by a stable dotted name (`module.function`, or `name=`), which is how a
  worker finds them: renaming a handler strands its waiting deliveries.

`after_commit(EventType)(listener)` is the other, lighter path: the listener runs in the
publishing process right after the commit, before the outbox's worker could, is neither stored
nor retried, and its failure is logged, never raised. It is for cheap work whose loss only costs
a bounded staleness (bumping the read cache's catalogue version), never for side effects.
"""

import dataclasses
import json
import typing
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar, TypeVar

from django.core.exceptions import ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, transaction

Handler = Callable[[Any], None]

_event_types: dict[str, type["DomainEvent"]] = {}
_handlers: dict[str, Handler] = {}
_subscribers: dict[type["DomainEvent"], list[str]] = defaultdict(list)
_after_commit: dict[type["DomainEvent"], list[Handler]] = defaultdict(list)


@dataclass(frozen=True, kw_only=True)
class DomainEvent:
    """Subclass with the event's payload as fields; `name` identifies it in the outbox, so it is
    unique and never changes."""

    name: ClassVar[str] = "domain_event"

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if "name" not in cls.__dict__:
            return
        known = _event_types.get(cls.name)
        if known is not None and _label(known) != _label(cls):
            raise ImproperlyConfigured(
                f"Event name {cls.name!r} is used by {_label(known)} and {_label(cls)}"
            )
        _event_types[cls.name] = cls

    def to_payload(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}

    @classmethod
    def from_payload(cls, payload: dict[str, Any]) -> "DomainEvent":
        values = {}
        for f in dataclasses.fields(cls):
            if f.name in payload:
                value = payload[f.name]
                values[f.name] = tuple(value) if _is_tuple(f.type) and value is not None else value
        return cls(**values)

    @property
    def outbox_id(self) -> int | None:
        """The stored event's id while a handler runs it (None outside a delivery)."""
        return self.__dict__.get("_outbox_id")

    def idempotency_key(self, *parts: object) -> str:
        """A key naming one effect of this event (`event.idempotency_key("receipt", email)`):
        the same on every delivery of the event, different for every event."""
        if self.outbox_id is None:
            raise RuntimeError("An idempotency key needs an event delivered from the outbox")
        return ":".join([self.name, str(self.outbox_id), *(str(p) for p in parts)])


def _label(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


def _is_tuple(annotation) -> bool:
    if isinstance(annotation, str):
        return annotation.startswith(("tuple", "Tuple"))
    return annotation is tuple or typing.get_origin(annotation) is tuple


E = TypeVar("E", bound=DomainEvent)


def handler_name(handler: Handler) -> str:
    return getattr(handler, "outbox_name", None) or _label(handler)


def subscribe(
    event_type: type[E], *, name: str | None = None
) -> Callable[[Callable[[E], None]], Callable[[E], None]]:
    """Decorator: `@subscribe(VendorSuspended)` registers a handler (registering it twice
    keeps one)."""

    def register(handler):
        key = name or handler_name(handler)
        _handlers[key] = handler
        if key not in _subscribers[event_type]:
            _subscribers[event_type].append(key)
        return handler

    return register


def after_commit(event_type: type[E]) -> Callable[[Callable[[E], None]], Callable[[E], None]]:
    """Decorator: run `listener(event)` in this process once the publishing transaction commits
    (registering it twice keeps one)."""

    def register(listener):
        if listener not in _after_commit[event_type]:
            _after_commit[event_type].append(listener)
        return listener

    return register


def unsubscribe(event_type: type[DomainEvent], handler: Handler) -> None:
    key = next((k for k, h in _handlers.items() if h is handler), handler_name(handler))
    if key in _subscribers[event_type]:
        _subscribers[event_type].remove(key)


def subscribers(event_type: type[DomainEvent]) -> list[Handler]:
    return [_handlers[key] for key in _subscribers[event_type]]


def subscriptions() -> dict[type[DomainEvent], list[str]]:
    """Every event type with the names of its handlers (for tests and operators)."""
    return {event_type: list(keys) for event_type, keys in _subscribers.items() if keys}


def find_handler(key: str) -> Handler:
    try:
        return _handlers[key]
    except KeyError:
        raise LookupError(f"No handler named {key!r} is registered in this process") from None


def rebuild(name: str, payload: dict[str, Any], *, outbox_id: int) -> DomainEvent:
    try:
        event_type = _event_types[name]
    except KeyError:
        raise LookupError(f"No event type named {name!r} is defined in this process") from None
    event = event_type.from_payload(payload)
    object.__setattr__(event, "_outbox_id", outbox_id)
    return event


def _bound(listener: Handler, event: DomainEvent) -> Callable[[], None]:
    def call():
        listener(event)

    # Django names a failing robust callback by its qualified name in the log.
    call.__qualname__ = handler_name(listener)
    return call


def publish(event: DomainEvent, *, using: str | None = None) -> None:
    """Store the event and one delivery per subscriber in the current transaction; dispatch the
    deliveries after it commits."""
    from .models import OutboxDelivery, OutboxEvent
    from .outbox import dispatch

    alias = using or DEFAULT_DB_ALIAS
    for listener in _after_commit[type(event)]:
        transaction.on_commit(_bound(listener, event), using=alias, robust=True)
    handlers = list(_subscribers[type(event)])
    if not handlers:
        return
    payload = event.to_payload()
    json.dumps(payload)  # a payload that cannot be stored fails here, inside the transaction
    with transaction.atomic(using=alias):
        stored = OutboxEvent.objects.using(alias).create(name=event.name, payload=payload)
        deliveries = OutboxDelivery.objects.using(alias).bulk_create(
            OutboxDelivery(event=stored, handler=key, next_attempt_at=stored.created_at)
            for key in handlers
        )
    ids = [delivery.pk for delivery in deliveries]
    transaction.on_commit(lambda: dispatch(ids), using=alias)
