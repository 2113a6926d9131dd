"""/metrics: only for a scraper holding the token; requests by view (never by path), the outbox
and email backlog, and the Celery queue's length on Redis."""

import os
import subprocess
import sys
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
import redis
from django.utils import timezone
from prometheus_client.parser import text_string_to_metric_families

from marketplace.core.models import OutboxDelivery, OutboxEvent, OutgoingEmail

from ..conftest import require_or_skip
from ..metrics_support import TOKEN, scrape, value
from .test_celery_worker import BROKERS, _broker_up

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def test_without_a_token_configured_there_is_no_endpoint(client, settings):
    settings.METRICS_TOKEN = ""
    assert client.get("/metrics").status_code == 404
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer ").status_code == 404


@pytest.mark.parametrize(
    "header", [None, "Bearer otro-token", f"Basic {TOKEN}", f"Bearer {TOKEN}x"]
)
def test_a_request_without_the_right_token_is_refused(client, settings, header):
    settings.METRICS_TOKEN = TOKEN
    extra = {} if header is None else {"HTTP_AUTHORIZATION": header}
    response = client.get("/metrics", **extra)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert b"tienda_" not in response.content


def test_requests_are_counted_by_view_method_and_status_not_by_path(client, settings):
    before = scrape(client, settings)
    client.get("/healthz")
    client.get("/healthz")
    client.post("/healthz")
    client.get("/no-existe/uno")
    client.get("/no-existe/dos")
    after = scrape(client, settings)

    def delta(name, **labels):
        return value(after, name, **labels) - value(before, name, **labels)

    requests = "tienda_http_requests_total"
    assert delta(requests, view="healthz", method="GET", status="200") == 2
    assert delta(requests, view="healthz", method="POST", status="405") == 1
    assert delta(requests, view="unmatched", method="GET", status="404") == 2
    latency = "tienda_http_request_duration_seconds_count"
    assert delta(latency, view="healthz", method="GET", status="200") == 2
    bucket = "tienda_http_request_duration_seconds_bucket"
    assert delta(bucket, view="healthz", method="GET", status="200", le="+Inf") == 2
    labels = {dict(key).get("view") for _name, key in after}
    assert not any(label and "/" in label for label in labels), labels


def test_the_backlog_is_read_at_scrape_time(client, settings):
    empty = scrape(client, settings)
    assert value(empty, "tienda_outbox_oldest_waiting_seconds") == 0
    assert value(empty, "tienda_outbox_deliveries", status="waiting") == 0

    old = OutboxEvent.objects.create(
        name="tests.parcel_shipped", created_at=timezone.now() - timedelta(minutes=20)
    )
    OutboxDelivery.objects.create(event=old, handler="tests.never")
    OutboxDelivery.objects.create(event=old, handler="tests.gave_up", status="failed")
    OutboxDelivery.objects.create(event=OutboxEvent.objects.create(name="x"), handler="tests.b")
    for n, status in enumerate(["pending", "pending", "failed", "done"]):
        OutgoingEmail.objects.create(
            key=f"k{n}", to="tienda@example.com", subject="s", body="b", status=status
        )
    samples = scrape(client, settings)

    assert 1200 <= value(samples, "tienda_outbox_oldest_waiting_seconds") < 1300
    assert value(samples, "tienda_outbox_deliveries", status="waiting") == 2
    assert value(samples, "tienda_outbox_deliveries", status="failed") == 1
    assert value(samples, "tienda_emails", status="waiting") == 2
    assert value(samples, "tienda_emails", status="failed") == 1


def test_without_a_redis_broker_there_is_no_queue_length(client, settings):
    for url in ("", "amqp://guest:guest@127.0.0.1:9//"):
        settings.CELERY_BROKER_URL = url
        names = {name for name, _labels in scrape(client, settings)}
        assert "tienda_celery_queue_length" not in names
        assert "tienda_outbox_deliveries" in names


def test_an_unreachable_redis_broker_leaves_the_rest_of_the_scrape(client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:9/0"
    names = {name for name, _labels in scrape(client, settings)}
    assert "tienda_celery_queue_length" not in names
    assert "tienda_outbox_oldest_waiting_seconds" in names


@pytest.mark.celery_worker
def test_the_celery_queue_length_on_redis(client, settings):
    url = BROKERS["redis"]
    require_or_skip(_broker_up(url), f"Redis is not reachable at {url}")
    queue = f"tienda-test-{uuid.uuid4().hex[:12]}"
    settings.CELERY_BROKER_URL = url
    settings.CELERY_TASK_DEFAULT_QUEUE = queue
    broker = redis.Redis.from_url(url)
    try:
        broker.rpush(queue, "a", "b", "c")
        samples = scrape(client, settings)
    finally:
        broker.delete(queue)
        broker.close()
    assert value(samples, "tienda_celery_queue_length", queue=queue) == 3


def _run(code: str, env: dict, *args: str) -> str:
    result = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", code, *args], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_gunicorn_workers_counts_are_summed_through_the_multiprocess_directory(tmp_path):
    """Each process writes its own files; one scrape, from any process, adds them up, and a
    dead worker's counts stay counted after the `child_exit` hook."""
    metrics_dir = tmp_path / "metrics"
    metrics_dir.mkdir()
    env = {
        **os.environ,
        "PROMETHEUS_MULTIPROC_DIR": str(metrics_dir),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "VAR_DIR": str(tmp_path / "var"),
    }
    request_once = (
        "import django, os; django.setup(); from django.test import Client; "
        "Client().get('/healthz', HTTP_HOST='localhost'); print(os.getpid())"
    )
    pids = [int(_run(request_once, env)) for _ in range(2)]
    hook = (
        "import runpy, sys, types; conf = runpy.run_path('infra/gunicorn.conf.py'); "
        "[conf['child_exit'](None, types.SimpleNamespace(pid=int(p))) for p in sys.argv[1:]]; "
        "import django; django.setup(); from prometheus_client import generate_latest; "
        "from marketplace.core.metrics import _process_registry; "
        "print(generate_latest(_process_registry()).decode())"
    )
    text = _run(hook, env, *map(str, pids))
    healthz = [
        sample
        for family in text_string_to_metric_families(text)
        for sample in family.samples
        if sample.name == "tienda_http_requests_total" and sample.labels["view"] == "healthz"
    ]
    assert sum(sample.value for sample in healthz) == 2


def test_a_starting_celery_worker_drops_files_left_by_its_previous_run(tmp_path, monkeypatch):
    from celery.signals import worker_init

    from marketplace.core.metrics import clear_worker_metrics

    # Connected to the worker's start (sending the signal itself would also run Celery's Django
    # fixup, which expects a real worker).
    assert "core.metrics.worker_init" in [receiver[0][0] for receiver in worker_init.receivers]
    metrics_dir = tmp_path / "metrics"
    metrics_dir.mkdir()
    (metrics_dir / "counter_4242.db").write_bytes(b"stale")
    (metrics_dir / "notes.txt").write_text("not the library's")
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(metrics_dir))
    clear_worker_metrics()
    assert [path.name for path in metrics_dir.iterdir()] == ["notes.txt"]
