"""/readyz: the database, the cache and the broker (when configured) must answer; the outbox's
backlog is reported without taking the replica out of service."""

from datetime import timedelta

import pytest
from django.utils import timezone

from marketplace.core.models import OutboxDelivery, OutboxEvent

from ..conftest import require_or_skip
from .test_celery_worker import BROKERS, _broker_up


@pytest.mark.django_db
def test_readyz_without_a_broker_reports_database_cache_and_an_empty_outbox(client, settings):
    settings.CELERY_BROKER_URL = ""
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {
            "database": {"status": "ok"},
            "cache": {"status": "ok"},
            "broker": {"status": "ok"},
            "outbox": {"status": "ok", "waiting": 0, "failed": 0, "oldest_waiting_seconds": 0},
        },
    }
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_an_unreachable_broker_makes_the_replica_unready(client, settings):
    settings.CELERY_BROKER_URL = "amqp://guest:guest@127.0.0.1:9//"
    from marketplace.celery import app

    previous = app.conf.broker_url
    app.conf.broker_url = settings.CELERY_BROKER_URL
    try:
        response = client.get("/readyz")
    finally:
        app.conf.broker_url = previous
    assert response.status_code == 503
    assert response.json()["checks"]["broker"] == {"status": "error"}
    assert "127.0.0.1" not in response.content.decode()


@pytest.mark.celery_worker
@pytest.mark.django_db
def test_a_reachable_broker_is_ready(client, settings):
    url = BROKERS["redis"]
    require_or_skip(_broker_up(url), f"Redis is not reachable at {url}")
    settings.CELERY_BROKER_URL = url
    from marketplace.celery import app

    previous = app.conf.broker_url
    app.conf.broker_url = url
    try:
        response = client.get("/readyz")
    finally:
        app.conf.broker_url = previous
    assert response.status_code == 200
    assert response.json()["checks"]["broker"] == {"status": "ok"}


@pytest.mark.django_db
def test_an_old_waiting_delivery_is_reported_late_but_keeps_the_replica_ready(client, settings):
    settings.OUTBOX_LATE_SECONDS = 600
    event = OutboxEvent.objects.create(
        name="tests.parcel_shipped", created_at=timezone.now() - timedelta(minutes=20)
    )
    OutboxDelivery.objects.create(event=event, handler="tests.never")
    OutboxDelivery.objects.create(event=event, handler="tests.gave_up", status="failed")
    response = client.get("/readyz")
    assert response.status_code == 200
    outbox = response.json()["checks"]["outbox"]
    assert outbox["status"] == "late"
    assert (outbox["waiting"], outbox["failed"]) == (1, 1)
    assert 1200 <= outbox["oldest_waiting_seconds"] < 1300
