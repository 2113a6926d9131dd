"""The sweeper job: finds stored work that is waiting and sends it on again.

It picks up pending outbox deliveries, emails and inbox messages whose next attempt is due by
more than `OUTBOX_SWEEP_AFTER_SECONDS`: work committed but never dispatched (the process died
between the commit and the dispatch, the broker was down), and failed attempts whose backoff has
passed. The grace period leaves fresh work to its normal after-commit dispatch. Running it twice
at once is harmless: each row is claimed before it runs, and finished work is skipped.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from .background import send_now, uses_broker
from .models import InboxMessage, OutboxDelivery, OutgoingEmail, WorkStatus


def _kinds():
    from . import tasks
    from .inbox import inbox_process
    from .mail import email_send_stored
    from .outbox import deliver

    return [
        ("deliveries", OutboxDelivery, tasks.deliver_event, deliver),
        ("emails", OutgoingEmail, tasks.send_email, email_send_stored),
        ("webhooks", InboxMessage, tasks.process_webhook, inbox_process),
    ]


def outbox_sweep(*, now: datetime | None = None, limit: int = 500) -> dict[str, int]:
    """Re-dispatch due work; returns how many rows of each kind were sent on."""
    now = now or timezone.now()
    due_before = now - timedelta(seconds=settings.OUTBOX_SWEEP_AFTER_SECONDS)
    counts = {}
    for label, model, task_, run_here in _kinds():
        ids = list(
            model.objects.filter(status=WorkStatus.PENDING, next_attempt_at__lte=due_before)
            .order_by("next_attempt_at")
            .values_list("pk", flat=True)[:limit]
        )
        counts[label] = len(ids)
        if not ids:
            continue
        if uses_broker():
            # A message may already sit in a queue whose workers are down: push the rows'
            # next look forward so the sweeper re-sends each at most once per interval.
            model.objects.filter(pk__in=ids, status=WorkStatus.PENDING).update(
                next_attempt_at=now + timedelta(seconds=settings.OUTBOX_REDISPATCH_SECONDS)
            )
            for pk in ids:
                send_now(task_, pk)
        else:
            for pk in ids:
                run_here(pk)
    return counts
