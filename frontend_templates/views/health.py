"""`/healthz` (liveness) and `/readyz` (readiness) for load balancers and orchestrators.

Each check is a function that returns normally when its dependency works and raises when it does
not. Apps with external dependencies (search, storage, broker) add theirs with `@health_check`, so
the endpoint grows without changing.
"""

import logging
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from marketplace.core.background import uses_broker
from marketplace.core.backlog import outbox_backlog
from search import conf as search_conf

logger = logging.getLogger(__name__)

HealthCheck = Callable[[], None]
CHECKS: dict[str, HealthCheck] = {}


def health_check(name: str) -> Callable[[HealthCheck], HealthCheck]:
    def register(func: HealthCheck) -> HealthCheck:
        CHECKS[name] = func
        return func

    return register


@health_check("database")
def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


@health_check("storage")
def check_storage() -> None:
    # A lookup, not a write: local disk or one HEAD request to the bucket.
    default_storage.exists("healthz-probe")


@health_check("search")
def check_search() -> None:
    if search_conf.backend_name() != search_conf.ELASTICSEARCH:
        return  # the database backend is as healthy as the database
    from search.backends.elasticsearch import get_client

    if not get_client().ping():
        raise ConnectionError("Elasticsearch did not answer")


def run_checks() -> tuple[bool, dict[str, dict[str, str]]]:
    results: dict[str, dict[str, str]] = {}
    healthy = True
    for name, check in CHECKS.items():
        try:
            check()
        except Exception:
            # The reason goes to the logs only: the endpoint is public and must not describe
            # the infrastructure behind it.
            logger.exception("Health check %s failed", name)
            results[name] = {"status": "error"}
            healthy = False
        else:
            results[name] = {"status": "ok"}
    return healthy, results


@never_cache
@require_safe
def healthz(request):
    healthy, results = run_checks()
    return JsonResponse(
        {"status": "ok" if healthy else "error", "checks": results},
        status=200 if healthy else 503,
    )


# Readiness: may this replica take traffic? Its own dependencies must answer; the outbox's
# backlog is reported for monitoring but never takes a replica out (workers being behind is
# not something a web replica can fix).
READY_CHECKS: dict[str, HealthCheck] = {"database": check_database}


def ready_check(name: str) -> Callable[[HealthCheck], HealthCheck]:
    def register(func: HealthCheck) -> HealthCheck:
        READY_CHECKS[name] = func
        return func

    return register


@ready_check("cache")
def check_cache() -> None:
    cache.set("readyz-probe", "1", timeout=10)
    if cache.get("readyz-probe") != "1":
        raise ConnectionError("the cache did not keep a value")


@ready_check("broker")
def check_broker() -> None:
    if not uses_broker():
        return  # tasks run in-process: nothing to reach
    from marketplace.celery import app

    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=2)


@never_cache
@require_safe
def readyz(request):
    results: dict[str, dict] = {}
    ready = True
    for name, check in READY_CHECKS.items():
        try:
            check()
        except Exception:
            logger.exception("Readiness check %s failed", name)
            results[name] = {"status": "error"}
            ready = False
        else:
            results[name] = {"status": "ok"}
    if results["database"]["status"] == "ok":
        backlog = outbox_backlog()
        late = backlog.oldest_seconds > settings.OUTBOX_LATE_SECONDS
        results["outbox"] = {
            "status": "late" if late else "ok",
            "waiting": backlog.waiting,
            "failed": backlog.failed,
            "oldest_waiting_seconds": backlog.oldest_seconds,
        }
    return JsonResponse(
        {"status": "ok" if ready else "error", "checks": results}, status=200 if ready else 503
    )
