"""Delivering stored domain events to their handlers (see marketplace.core.events).

`dispatch` runs after the publishing transaction commits: in-process without a broker, one
Celery task per delivery with one. `deliver` runs one handler for one delivery through
`attempts.attempt`: the row is claimed, the handler runs in a savepoint, and success, a retry
time or the final failure is recorded. The sweeper (`marketplace.core.sweeper`) finds what was
never dispatched or is due for another attempt.
"""

from collections.abc import Iterable

from . import events
from .attempts import Outcome, attempt
from .background import send_now, uses_broker
from .models import OutboxDelivery


def _run_handler(delivery: OutboxDelivery) -> None:
    handler = events.find_handler(delivery.handler)
    event = events.rebuild(delivery.event.name, delivery.event.payload, outbox_id=delivery.event_id)
    handler(event)


def deliver(delivery_id: int) -> Outcome:
    """Run one delivery's handler once, unless it is done, parked or running elsewhere."""
    return attempt(OutboxDelivery, delivery_id, _run_handler, related=("event",))


def dispatch(delivery_ids: Iterable[int]) -> None:
    from . import tasks

    for pk in delivery_ids:
        if uses_broker():
            send_now(tasks.deliver_event, pk)
        else:
            deliver(pk)
