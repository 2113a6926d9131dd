"""Run a whole transaction again when PostgreSQL aborts it to break a deadlock or a
serialization conflict. The other transaction has committed by then, so the second attempt
reads its outcome (sold-out stock, an order already paid) and answers from it. Only an
outermost transaction can be repeated: inside someone else's, the error goes up to them."""

import functools
import logging
import random
import time

from django.db import OperationalError, connection

logger = logging.getLogger(__name__)

# deadlock_detected, serialization_failure
RETRYABLE_SQLSTATES = frozenset({"40P01", "40001"})
ATTEMPTS = 3


def is_retryable(exc: BaseException) -> bool:
    cause = exc.__cause__
    return isinstance(exc, OperationalError) and getattr(cause, "sqlstate", None) in (
        RETRYABLE_SQLSTATES
    )


def retry_on_conflict(func):
    """Decorate a function that opens its own transaction (it is not called inside one)."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        for attempt in range(1, ATTEMPTS + 1):
            try:
                return func(*args, **kwargs)
            except OperationalError as exc:
                if attempt == ATTEMPTS or connection.in_atomic_block or not is_retryable(exc):
                    raise
                logger.warning(
                    "%s aborted by a transaction conflict (attempt %d), retrying",
                    func.__qualname__,
                    attempt,
                )
                # Jitter, so two retried transactions do not meet again in the same step.
                time.sleep(random.uniform(0.01, 0.05) * attempt)  # noqa: S311 - not security
        raise AssertionError("unreachable")

    return wrapper
