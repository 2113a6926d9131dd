"""Real workers: `celery -A marketplace worker` started as a subprocess against the machine's
Redis and RabbitMQ. Each must register every task the code can enqueue and run an event end to
end (publish -> handler -> email task -> the message written by Django's file email backend).

Each broker run uses its own queue name, so other workers on the same broker never take these
messages. The end-to-end half needs PostgreSQL: the worker process must see the test database.
"""

import importlib
import os
import pkgutil
import subprocess
import sys
import threading
import uuid
from pathlib import Path

import pytest
from django.db import connection

from marketplace.celery import app
from marketplace.core.background import REGISTRY
from marketplace.core.events import publish
from marketplace.core.models import OutboxDelivery, OutgoingEmail, WorkStatus

from ..conftest import require_or_skip
from .worker_handlers import WelcomeRequested

ROOT = Path(__file__).resolve().parents[2]
BROKERS = {
    "redis": "redis://127.0.0.1:6379/1",
    "rabbitmq": "amqp://guest:guest@127.0.0.1:5672//",
}
PROJECT_PACKAGES = ["marketplace", "vendors", "catalog", "orders", "search", "frontend_templates"]


def project_tasks() -> set[str]:
    """Every task defined anywhere in the project: import every module, then read the task
    layer's registry. A task defined outside the modules a worker imports is caught here."""
    for package_name in PROJECT_PACKAGES:
        package = importlib.import_module(package_name)
        for info in pkgutil.walk_packages(package.__path__, f"{package_name}."):
            if ".migrations" not in info.name:
                importlib.import_module(info.name)
    return {name for name in REGISTRY if not name.startswith("tests.")}


def _broker_up(url: str) -> bool:
    try:
        with app.connection_for_write(url) as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception:
        return False
    return True


def _point_app_at(url: str | None, queue: str) -> None:
    app.conf.update(broker_url=url, task_default_queue=queue, result_backend=None)
    app._pool = None  # connection pools are cached per app; drop the old broker's
    app.amqp._producer_pool = None


def _database_url(tmp) -> str:
    db = connection.settings_dict
    if connection.vendor == "postgresql":
        return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    return f"sqlite:///{tmp / 'worker.sqlite3'}"  # registration only: no shared data


@pytest.fixture(scope="module", params=sorted(BROKERS))
def worker(request, django_db_setup, django_db_blocker, tmp_path_factory):
    url = BROKERS[request.param]
    require_or_skip(_broker_up(url), f"{request.param} is not reachable at {url}")
    tmp = tmp_path_factory.mktemp(f"worker-{request.param}")
    queue = f"tienda-test-{uuid.uuid4().hex[:12]}"
    node = f"{queue}@tienda-test"
    with django_db_blocker.unblock():
        database_url = _database_url(tmp)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "marketplace.settings",
        "DATABASE_URL": database_url,
        "CELERY_BROKER_URL": url,
        "CELERY_RESULT_BACKEND": "",
        "CELERY_TASK_DEFAULT_QUEUE": queue,
        "EMAIL_URL": f"filemail:///{tmp / 'mail'}",
        "VAR_DIR": str(tmp / "var"),
        "DATABASE_CONN_MAX_AGE": "0",
    }
    log = (tmp / "worker.log").open("w")
    process = subprocess.Popen(  # noqa: S603 - our own interpreter and the project's worker
        [sys.executable, "-m", "celery", "-A", "marketplace", "worker", "--pool=solo",
         "-Q", queue, "-n", node, "--without-gossip", "--without-mingle",
         "--without-heartbeat", "-I", "tests.core.worker_handlers", "--loglevel=INFO"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    _point_app_at(url, queue)
    try:
        for _ in range(60):
            if process.poll() is not None:
                break
            if app.control.ping(destination=[node], timeout=0.5):
                break
        else:
            pytest.fail(f"the worker did not answer: {(tmp / 'worker.log').read_text()}")
        if process.poll() is not None:
            pytest.fail(f"the worker exited: {(tmp / 'worker.log').read_text()}")
        yield {"broker": url, "node": node, "queue": queue, "mail": tmp / "mail", "tmp": tmp}
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
        _point_app_at(None, "celery")


@pytest.mark.celery_worker
def test_the_worker_registers_every_task_the_code_can_enqueue(worker):
    replies = app.control.inspect(destination=[worker["node"]], timeout=5).registered() or {}
    registered = set(replies.get(worker["node"], []))
    expected = project_tasks()
    assert {"core.deliver_event", "core.send_email", "core.run_job"} <= expected
    missing = expected - registered
    assert not missing, f"tasks the worker does not know: {sorted(missing)}"


@pytest.mark.celery_worker
def test_an_event_runs_end_to_end_on_the_worker(worker, transactional_db, settings):
    if connection.vendor != "postgresql":
        pytest.skip("the worker process needs PostgreSQL to share the test database")
    settings.CELERY_BROKER_URL = worker["broker"]

    publish(WelcomeRequested(email="panaderia@example.com", business="Panadería La 80"))

    delivery = OutboxDelivery.objects.get(handler="tests.core.worker_handlers.send_welcome")
    for _ in range(300):
        email = OutgoingEmail.objects.filter(to="panaderia@example.com").first()
        if email is not None and email.status == WorkStatus.DONE:
            break
        threading.Event().wait(0.1)
    else:
        log = (worker["tmp"] / "worker.log").read_text()
        pytest.fail(f"no email was sent by the worker:\n{log[-4000:]}")
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (WorkStatus.DONE, 1)
    assert email.key == f"tests.welcome_requested:{delivery.event_id}:panaderia@example.com"
    [message_file] = list(worker["mail"].iterdir())
    message = message_file.read_text()
    assert "To: panaderia@example.com" in message
    assert "Tu tienda ya est" in message
