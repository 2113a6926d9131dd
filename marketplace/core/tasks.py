"""Core's background tasks, plus the task layer's API re-exported for the apps' `tasks.py`
(`from marketplace.core.tasks import enqueue, task`); the layer itself is
`marketplace.core.background`.

Stored work (outbox deliveries, emails, webhook messages) keeps its own attempt count and error
in the database; these tasks raise `RetryLater` while another attempt is due, and Celery
retries them with exponential backoff and jitter. The database decides when to stop.
"""

from django.conf import settings

from .attempts import Outcome
from .background import REGISTRY, Task, enqueue, send_now, task, uses_broker

__all__ = ["REGISTRY", "Task", "enqueue", "send_now", "task", "uses_broker"]


class RetryLater(Exception):
    """The attempt failed and the database scheduled another one."""


STORED_WORK_RETRIES = {
    "autoretry_for": (RetryLater,),
    "retry_backoff": settings.OUTBOX_RETRY_BACKOFF_SECONDS,
    "retry_backoff_max": settings.OUTBOX_RETRY_BACKOFF_MAX_SECONDS,
    "retry_jitter": True,
    "max_retries": settings.OUTBOX_MAX_ATTEMPTS,
}


def _finish(outcome: Outcome, what: str) -> str:
    if outcome == Outcome.RETRY:
        raise RetryLater(what)
    return str(outcome)


@task(name="core.deliver_event", **STORED_WORK_RETRIES)
def deliver_event(delivery_id: int) -> str:
    from .outbox import deliver

    return _finish(deliver(delivery_id), f"delivery {delivery_id}")


@task(name="core.send_email", **STORED_WORK_RETRIES)
def send_email(email_id: int) -> str:
    from .mail import email_send_stored

    return _finish(email_send_stored(email_id), f"email {email_id}")


@task(name="core.process_webhook", **STORED_WORK_RETRIES)
def process_webhook(message_id: int) -> str:
    from .inbox import inbox_process

    return _finish(inbox_process(message_id), f"inbox message {message_id}")


@task(name="core.run_job", autoretry_for=(), max_retries=0)
def run_job(name: str) -> str:
    """A scheduled job (beat sends one per interval; a missed run waits for the next)."""
    from .jobs import run_job as run

    return run(name)
