"""Scheduled jobs, listed once in `settings.SCHEDULED_JOBS` (name -> dotted callable, seconds).

Celery beat sends `core.run_job(name)` at each interval in production
(`settings.CELERY_BEAT_SCHEDULE` is built from the same list); `manage.py run_jobs` runs the
same jobs in a loop that needs nothing but Python, beside the demo server. Adding a job is one
line in settings: a callable that takes no arguments and is idempotent.

Each run takes a lease on the job's `JobRun` row with one conditional UPDATE, so two schedulers
(beat plus a forgotten loop, two replicas, a slow run overlapping the next tick) never run the
same job at once, on PostgreSQL or SQLite. A process that dies mid-run leaves a lease that
expires after `JOB_LEASE_SECONDS`.
"""

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import F, Q
from django.utils import timezone
from django.utils.module_loading import import_string

from .attempts import describe
from .models import JobRun

logger = logging.getLogger(__name__)

SKIPPED = "skipped: already running"


def jobs() -> dict[str, tuple[str, int]]:
    return dict(settings.SCHEDULED_JOBS)


def job_callable(name: str) -> Callable[[], object]:
    path, _interval = jobs()[name]
    return import_string(path)


def _take_lease(name: str, now: datetime) -> bool:
    JobRun.objects.get_or_create(name=name)
    taken = JobRun.objects.filter(
        Q(lease_until__isnull=True) | Q(lease_until__lt=now), name=name
    ).update(lease_until=now + timedelta(seconds=settings.JOB_LEASE_SECONDS), started_at=now)
    return taken == 1


def run_job(name: str) -> str:
    """Run one job now unless another process is running it; returns a short summary."""
    func = job_callable(name)
    now = timezone.now()
    if not _take_lease(name, now):
        logger.info("Job %s skipped: another run holds its lease", name)
        return SKIPPED
    succeeded, summary = True, ""
    try:
        summary = str(func())[:500]
    except Exception as exc:
        logger.exception("Job %s failed", name)
        succeeded, summary = False, describe(exc)
    finally:
        JobRun.objects.filter(name=name).update(
            lease_until=None,
            finished_at=timezone.now(),
            succeeded=succeeded,
            result=summary,
            runs=F("runs") + 1,
        )
    return summary if succeeded else f"failed: {summary}"


def due_jobs(now: datetime | None = None) -> list[str]:
    """Jobs whose interval has passed since their last start (never run: due)."""
    now = now or timezone.now()
    started = dict(JobRun.objects.values_list("name", "started_at"))
    due = []
    for name, (_path, interval) in jobs().items():
        last = started.get(name)
        if last is None or last + timedelta(seconds=interval) <= now:
            due.append(name)
    return due
