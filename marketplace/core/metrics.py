"""Prometheus metrics (prometheus_client): requests and latencies by view, payment outcomes,
and, read at scrape time, the outbox and email backlog and the Celery queue's length.

Under gunicorn (several processes) set PROMETHEUS_MULTIPROC_DIR to an empty directory before
start: each process writes its counters there and a scrape adds them up (the gunicorn
configuration's `child_exit` hook tells the library which workers died). Workers do the same and
serve their own counters on METRICS_WORKER_PORT (payment outcomes are applied there, from the
providers' events).
"""

import logging
import os
import time
from urllib.parse import urlsplit

from celery.signals import worker_init, worker_process_shutdown, worker_ready
from django.conf import settings
from prometheus_client import (
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
    start_http_server,
)
from prometheus_client.core import GaugeMetricFamily

logger = logging.getLogger(__name__)

METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}

REQUESTS = Counter("tienda_http_requests", "HTTP requests answered", ["view", "method", "status"])
LATENCY = Histogram(
    "tienda_http_request_duration_seconds",
    "Time to answer an HTTP request",
    ["view", "method", "status"],
    buckets=(0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)
PAYMENTS = Counter("tienda_payments", "Payments that reached a status", ["gateway", "status"])


class RequestMetricsMiddleware:
    """Labels are the URL pattern's name, never the path: /productos/<slug> is one series."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        view = (match.view_name or "unnamed") if match else "unmatched"
        method = request.method if request.method in METHODS else "other"
        status = str(response.status_code)
        REQUESTS.labels(view, method, status).inc()
        LATENCY.labels(view, method, status).observe(time.perf_counter() - started)
        return response


def celery_queue_lengths() -> dict[str, int] | None:
    """LLEN of the default queue on a Redis broker; None on other brokers (RabbitMQ has its own
    exporter) or without one."""
    url = settings.CELERY_BROKER_URL
    if urlsplit(url).scheme not in ("redis", "rediss"):
        return None
    import redis

    client = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
    try:
        queue = settings.CELERY_TASK_DEFAULT_QUEUE
        return {queue: client.llen(queue)}
    finally:
        client.close()


class BacklogCollector:
    """Read when scraped (a few aggregate queries), so every replica reports the same numbers
    and nothing needs updating as rows change."""

    def collect(self):
        from .backlog import email_backlog, outbox_backlog

        try:
            outbox, emails = outbox_backlog(), email_backlog()
        except Exception:
            logger.exception("Could not read the outbox backlog for metrics")
        else:
            yield GaugeMetricFamily(
                "tienda_outbox_oldest_waiting_seconds",
                "Age of the oldest undelivered outbox delivery (0 when none waits)",
                value=outbox.oldest_seconds,
            )
            deliveries = GaugeMetricFamily(
                "tienda_outbox_deliveries", "Outbox deliveries waiting or parked", labels=["status"]
            )
            deliveries.add_metric(["waiting"], outbox.waiting)
            deliveries.add_metric(["failed"], outbox.failed)
            yield deliveries
            queued = GaugeMetricFamily(
                "tienda_emails", "Outgoing emails waiting or parked", labels=["status"]
            )
            queued.add_metric(["waiting"], emails.waiting)
            queued.add_metric(["failed"], emails.failed)
            yield queued
        try:
            lengths = celery_queue_lengths()
        except Exception:
            logger.exception("Could not read the Celery queue length for metrics")
            lengths = None
        if lengths is not None:
            depth = GaugeMetricFamily(
                "tienda_celery_queue_length", "Tasks waiting in the broker", labels=["queue"]
            )
            for queue, length in lengths.items():
                depth.add_metric([queue], length)
            yield depth


def clear_multiprocess_dir() -> None:
    """Before the first process writes: files left by an earlier run (a container restarted with
    its emptyDir kept) would add their old counts to every scrape. Only the library's `*.db`
    files go, in case the variable names a directory shared with something else."""
    path = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if not path:
        return
    os.makedirs(path, exist_ok=True)
    for entry in os.scandir(path):
        if entry.is_file() and entry.name.endswith(".db"):
            os.unlink(entry.path)


def _process_registry() -> CollectorRegistry:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return registry
    return REGISTRY


def render_metrics() -> bytes:
    backlog = CollectorRegistry()
    backlog.register(BacklogCollector())
    return generate_latest(_process_registry()) + generate_latest(backlog)


@worker_init.connect(dispatch_uid="core.metrics.worker_init", weak=False)
def clear_worker_metrics(**kwargs):
    # In the worker's main process, before the pool forks its children.
    clear_multiprocess_dir()


@worker_ready.connect(dispatch_uid="core.metrics.worker_ready", weak=False)
def serve_worker_metrics(**kwargs):
    port = settings.METRICS_WORKER_PORT
    if port:
        start_http_server(port, registry=_process_registry())


@worker_process_shutdown.connect(dispatch_uid="core.metrics.worker_child_exit", weak=False)
def forget_worker_child(pid=None, **kwargs):
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR") and pid:
        multiprocess.mark_process_dead(pid)
