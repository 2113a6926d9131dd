"""A task for the request-id worker test: it logs one line, which the worker writes as JSON."""

import logging

from marketplace.core.tasks import task

logger = logging.getLogger("tests.request_id")


@task(name="tests.log_with_request_id", autoretry_for=(), max_retries=0)
def log_with_request_id(marker: str) -> None:
    logger.warning("tarea %s", marker)
