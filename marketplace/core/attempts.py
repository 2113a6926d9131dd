"""Running one piece of stored work once: the claim, the run and the bookkeeping.

Outbox deliveries, outgoing emails and inbox messages share this: the row is locked (on
PostgreSQL; a second worker skips it instead of waiting), work already done is skipped, and the
work runs in a savepoint so that a failure leaves nothing half-written while its error, attempt
count and next attempt time are recorded. That is what makes a duplicated message harmless.
"""

import logging
import random
from collections.abc import Callable
from datetime import datetime, timedelta
from enum import StrEnum

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from .models import WorkStatus

logger = logging.getLogger(__name__)


class Outcome(StrEnum):
    DONE = "done"
    RETRY = "retry"  # failed, another attempt is scheduled
    FAILED = "failed"  # failed and out of attempts: parked for operators
    SKIPPED = "skipped"  # already done, parked, or being run by someone else


def backoff_seconds(attempts: int) -> float:
    """Exponential backoff with jitter: base, 2x base, 4x base... capped, each multiplied by a
    random factor in [0.5, 1] so that many failures do not all retry at the same instant."""
    base = settings.OUTBOX_RETRY_BACKOFF_SECONDS
    ceiling = settings.OUTBOX_RETRY_BACKOFF_MAX_SECONDS
    delay = min(ceiling, base * 2 ** max(attempts - 1, 0))
    return delay * random.uniform(0.5, 1.0)  # noqa: S311 - jitter, not security


def describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:2000]


def attempt(
    model: type[models.Model],
    pk: int,
    work: Callable,
    *,
    related: tuple[str, ...] = (),
    now: datetime | None = None,
) -> Outcome:
    """Run `work(row)` for the pending row `pk` of `model` (a RetriedWork). Rows in `related`
    are read with it but not locked."""
    with transaction.atomic():
        row = (
            model.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related(*related)
            .filter(pk=pk, status=WorkStatus.PENDING)
            .first()
        )
        if row is None:
            return Outcome.SKIPPED
        row.attempts += 1
        try:
            with transaction.atomic():
                work(row)
        except Exception as exc:
            logger.exception("%s %s failed (attempt %d)", model.__name__, pk, row.attempts)
            row.last_error = describe(exc)
            moment = now or timezone.now()
            if row.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
                row.status = WorkStatus.FAILED
                outcome = Outcome.FAILED
            else:
                row.next_attempt_at = moment + timedelta(seconds=backoff_seconds(row.attempts))
                outcome = Outcome.RETRY
            row.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])
            return outcome
        row.status = WorkStatus.DONE
        row.done_at = timezone.now()
        row.save(update_fields=["attempts", "status", "done_at"])
        return Outcome.DONE


def reopen(row) -> None:
    """An operator's retry: the row waits again and gets one more attempt before it parks."""
    row.status = WorkStatus.PENDING
    row.next_attempt_at = timezone.now()
    row.attempts = min(row.attempts, settings.OUTBOX_MAX_ATTEMPTS - 1)
    row.save(update_fields=["status", "next_attempt_at", "attempts"])
