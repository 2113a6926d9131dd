"""`/healthz` for load balancers and orchestrators.

Each check is a function that returns normally when its dependency works and raises when it does
not. Apps with external dependencies (search, storage, broker) add theirs with `@health_check`, so
the endpoint grows without changing.
"""

import logging
from collections.abc import Callable

from django.core.files.storage import default_storage
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

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
