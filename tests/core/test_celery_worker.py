"""One task through a real Celery worker, with the local Redis as broker and result backend."""

import threading
import uuid

import pytest
import redis
from celery.contrib.testing.worker import start_worker

from marketplace.celery import app
from marketplace.core.tasks import enqueue, task

from ..conftest import require_or_skip

REDIS_URL = "redis://127.0.0.1:6379/15"


@task(name="tests.core.mark_in_redis")
def mark_in_redis(key, value):
    client = redis.Redis.from_url(REDIS_URL)
    client.set(key, f"{value}:{threading.current_thread().name}", ex=60)
    return value


def _redis_up() -> bool:
    try:
        return redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.exceptions.RedisError:
        return False


@pytest.fixture
def celery_on_redis(settings):
    require_or_skip(_redis_up(), "Redis is not running on 127.0.0.1:6379")
    settings.CELERY_BROKER_URL = REDIS_URL
    previous = {k: app.conf[k] for k in ("broker_url", "result_backend", "task_always_eager")}
    app.conf.update(broker_url=REDIS_URL, result_backend=REDIS_URL, task_always_eager=False)
    with start_worker(
        app, pool="solo", concurrency=1, perform_ping_check=False, loglevel="WARNING"
    ):
        yield
    app.conf.update(previous)


@pytest.mark.celery_worker
def test_enqueued_task_runs_on_a_real_worker(transactional_db, celery_on_redis):
    key = f"tienda-test:{uuid.uuid4().hex}"
    client = redis.Redis.from_url(REDIS_URL)

    enqueue(mark_in_redis, key, "hecho")  # autocommit: dispatched to the broker at once

    for _ in range(100):
        stored = client.get(key)
        if stored:
            break
        threading.Event().wait(0.1)
    assert stored is not None, "the worker never ran the task"
    value, thread_name = stored.decode().split(":", 1)
    assert value == "hecho"
    # The worker consumed the message from Redis in its own thread, not in the test's.
    assert thread_name != threading.current_thread().name
