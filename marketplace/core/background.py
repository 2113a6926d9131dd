"""The task layer: background work that runs in-process by default and on Celery at scale.

`@task` turns a function into a task; `enqueue(task, *args, countdown=None)` schedules it after
the current transaction commits. Without `CELERY_BROKER_URL` the task runs in the same process
right after the commit (the demo needs no broker); with it, the task goes to Celery workers.

Rules every task follows:
- it lives in its app's `tasks.py`, the module a worker imports (a test fails otherwise);
- it takes only JSON-serialisable arguments (ids, not objects) and is idempotent: a broker may
  deliver a message twice, and a failing task is retried (`autoretry_for`, exponential backoff
  with jitter, `max_retries`);
- a task with an effect outside the database carries an idempotency key and records it in the
  same transaction as the effect's bookkeeping (see `marketplace.core.mail`).

In-process runs are not retried here: what must survive a failure is written to a table first
(outbox deliveries, outgoing email, webhook inbox) and the sweeper job retries it.
"""

import logging
from collections.abc import Callable
from functools import update_wrapper

from celery import shared_task
from django.conf import settings
from django.db import transaction

logger = logging.getLogger(__name__)

# Every task the code defines, by name: the worker test checks that a real worker registers
# each of them.
REGISTRY: dict[str, "Task"] = {}

RETRY_DEFAULTS = {
    "autoretry_for": (Exception,),
    "retry_backoff": 2,
    "retry_backoff_max": 600,
    "retry_jitter": True,
    "max_retries": 5,
}


class Task:
    def __init__(self, func: Callable, *, name: str | None = None, **options):
        self.func = func
        self.name = name or f"{func.__module__}.{func.__qualname__}"
        self.options = {**RETRY_DEFAULTS, **options}
        self.celery_task = shared_task(name=self.name, acks_late=True, **self.options)(func)
        REGISTRY[self.name] = self
        update_wrapper(self, func)

    def __call__(self, *args, **kwargs):
        return self.func(*args, **kwargs)

    def __repr__(self):
        return f"<Task {self.name}>"


def task(func: Callable | None = None, **options):
    """Decorator: `@task` or `@task(name=..., max_retries=..., autoretry_for=(...))`."""
    if func is None:
        return lambda f: Task(f, **options)
    return Task(func, **options)


def uses_broker() -> bool:
    return bool(settings.CELERY_BROKER_URL)


def send_now(task_: Task, *args, countdown: float | None = None, **kwargs) -> bool:
    """Hand the task to the broker, or run it here without a broker. Returns False when the
    broker could not take it (down, unreachable): the caller's stored state lets the sweeper
    try again, so the failure is logged, not raised into a committed request."""
    if uses_broker():
        try:
            task_.celery_task.apply_async(args=args, kwargs=kwargs, countdown=countdown)
        except Exception:
            logger.exception("Could not send task %s to the broker", task_.name)
            return False
        return True
    try:
        task_(*args, **kwargs)
    except Exception:
        # In-process runs must not turn a committed request into an error page; the failure
        # is logged like a failed Celery task would be.
        logger.exception("Task %s failed", task_.name)
    return True


def enqueue(task_: Task, *args, countdown: float | None = None, **kwargs) -> None:
    """Schedule `task_` to run once the surrounding transaction commits. `countdown` delays it
    on a broker (seconds); in-process runs ignore it."""
    transaction.on_commit(lambda: send_now(task_, *args, countdown=countdown, **kwargs))
