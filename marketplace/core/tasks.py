"""The task layer: background work that runs in-process by default and on Celery at scale.

`@task` turns a function into a task; `enqueue(task, *args)` schedules it after the current
transaction commits. Without `CELERY_BROKER_URL` the task runs in the same process right after the
commit (the demo needs no broker); with it, the task goes to Celery workers. Tasks take only
JSON-serialisable arguments and must be idempotent: a broker may deliver a message twice.
"""

import logging
from collections.abc import Callable
from functools import update_wrapper

from celery import shared_task
from django.conf import settings
from django.db import transaction

logger = logging.getLogger(__name__)


class Task:
    def __init__(self, func: Callable, *, name: str | None = None, max_retries: int = 3):
        self.func = func
        self.name = name or f"{func.__module__}.{func.__qualname__}"
        self.celery_task = shared_task(name=self.name, max_retries=max_retries)(func)
        update_wrapper(self, func)

    def __call__(self, *args, **kwargs):
        return self.func(*args, **kwargs)

    def __repr__(self):
        return f"<Task {self.name}>"


def task(func: Callable | None = None, **options):
    """Decorator: `@task` or `@task(name=..., max_retries=...)`."""
    if func is None:
        return lambda f: Task(f, **options)
    return Task(func, **options)


def uses_broker() -> bool:
    return bool(settings.CELERY_BROKER_URL)


def enqueue(task_: Task, *args, **kwargs) -> None:
    """Schedule `task_` to run once the surrounding transaction commits."""

    def dispatch():
        if uses_broker():
            task_.celery_task.apply_async(args=args, kwargs=kwargs)
            return
        try:
            task_(*args, **kwargs)
        except Exception:
            # In-process runs must not turn a committed request into an error page; the failure
            # is logged like a failed Celery task would be.
            logger.exception("Task %s failed", task_.name)

    transaction.on_commit(dispatch)
