"""Request ids: taken from nginx (or made), returned, written in every log line of the request
(JSON in production) and carried into the Celery tasks the request sends."""

import io
import json
import logging
import os
import secrets
import socket
import subprocess
import sys
import threading
import uuid
from pathlib import Path

import pytest
import requests
from celery.signals import before_task_publish
from django.http import HttpResponse
from django.test import RequestFactory

from marketplace.celery import app
from marketplace.core.background import send_now
from marketplace.core.log_format import JsonFormatter
from marketplace.core.request_id import RequestIdMiddleware, current_request_id

from ..conftest import require_or_skip
from .request_id_tasks import log_with_request_id
from .test_celery_worker import BROKERS, _broker_up, _point_app_at

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def json_log():
    """JSON lines written by the `django.request` and `tests` loggers while the test runs."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    loggers = [logging.getLogger("django.request"), logging.getLogger("tests")]
    for logger in loggers:
        logger.addHandler(handler)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    for logger in loggers:
        logger.removeHandler(handler)


@pytest.mark.django_db
def test_the_proxys_request_id_is_returned_and_written_in_the_requests_logs(client, json_log):
    response = client.get("/no-existe-esta-pagina", HTTP_X_REQUEST_ID="4f2a9c0d1e")

    assert response.status_code == 404
    assert response["X-Request-ID"] == "4f2a9c0d1e"
    [line] = json_log()
    assert set(line) == {"time", "level", "logger", "message", "request_id"}
    assert line["request_id"] == "4f2a9c0d1e"
    assert (line["level"], line["logger"]) == ("WARNING", "django.request")
    assert line["message"] == "Not Found: /no-existe-esta-pagina"
    assert current_request_id() is None


@pytest.mark.django_db
@pytest.mark.parametrize("sent", [None, "", "a b", "x" * 65, "<script>"])
def test_a_missing_or_odd_request_id_is_replaced_by_a_new_one(client, sent):
    headers = {} if sent is None else {"HTTP_X_REQUEST_ID": sent}
    first = client.get("/healthz", **headers)["X-Request-ID"]
    second = client.get("/healthz", **headers)["X-Request-ID"]
    assert first != second
    assert len(first) == 32 and int(first, 16) >= 0


def test_the_json_line_carries_the_exception_text(json_log):
    try:
        raise ValueError("precio inválido")
    except ValueError:
        logging.getLogger("tests.request_id").exception("No se pudo guardar %s", "el producto")

    [line] = json_log()
    assert line["message"] == "No se pudo guardar el producto"
    assert line["level"] == "ERROR"
    assert line["request_id"] is None
    assert line["exception"].startswith("Traceback")
    assert "ValueError: precio inválido" in line["exception"]


def test_production_logs_are_json_lines_on_stdout_and_development_stays_text():
    script = "import logging; logging.getLogger('tienda').warning('pedido %s pagado', 'TV-1')"
    base = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "LOG_FORMAT"}}
    production = {
        **base,
        "DJANGO_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "tienda.example.com",
    }
    results = {
        name: subprocess.run(  # noqa: S603 - our own interpreter and manage.py
            [sys.executable, "manage.py", "shell", "-v", "0", "-c", script],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )  # fmt: skip
        for name, env in {"production": production, "development": base}.items()
    }

    [line] = [json.loads(row) for row in results["production"].stdout.splitlines()]
    assert line["message"] == "pedido TV-1 pagado"
    assert (line["level"], line["logger"], line["request_id"]) == ("WARNING", "tienda", None)
    assert "pedido TV-1 pagado" not in results["production"].stderr
    assert results["development"].stderr.strip() == "pedido TV-1 pagado"


def _in_request(request_id: str, view):
    """Runs `view` inside the real middleware, as a request with nginx's header would, and
    closes the response as the WSGI server does (which ends the request's id)."""
    request = RequestFactory().get("/", HTTP_X_REQUEST_ID=request_id)
    response = RequestIdMiddleware(view)(request)
    response.close()
    assert current_request_id() is None
    return response


@pytest.mark.django_db  # closing a response closes old database connections
def test_tasks_published_during_a_request_carry_its_id_in_their_headers():
    headers = {"task": "tests.log_with_request_id"}

    def view(request):
        before_task_publish.send(sender="tests.log_with_request_id", headers=headers, body=())
        return HttpResponse("ok")

    _in_request("abc123", view)
    assert headers["request_id"] == "abc123"


def test_a_task_runs_with_the_id_of_the_message_that_brought_it(json_log):
    log_with_request_id.celery_task.apply(args=["uno"], headers={"request_id": "r-77"})
    log_with_request_id.celery_task.apply(args=["dos"])

    first, second = json_log()
    assert (first["message"], first["request_id"]) == ("tarea uno", "r-77")
    assert (second["message"], second["request_id"]) == ("tarea dos", None)
    assert current_request_id() is None


@pytest.mark.celery_worker
@pytest.mark.django_db
def test_a_real_workers_log_shows_the_id_of_the_request_that_sent_the_task(tmp_path, settings):
    url = BROKERS["redis"]
    require_or_skip(_broker_up(url), f"Redis is not reachable at {url}")
    queue = f"tienda-test-{uuid.uuid4().hex[:12]}"
    node = f"{queue}@tienda-test"
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        metrics_port = probe.getsockname()[1]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "marketplace.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'worker.sqlite3'}",
        "CELERY_BROKER_URL": url,
        "CELERY_RESULT_BACKEND": "",
        "CELERY_TASK_DEFAULT_QUEUE": queue,
        "VAR_DIR": str(tmp_path / "var"),
        "LOG_FORMAT": "json",
        "METRICS_WORKER_PORT": str(metrics_port),
    }
    log_path = tmp_path / "worker.log"
    # stderr holds what bypasses logging (Python's warnings, such as running as root).
    with log_path.open("w") as log, (tmp_path / "worker.err").open("w") as errors:
        process = subprocess.Popen(  # noqa: S603 - our own interpreter and the project's worker
            [sys.executable, "-m", "celery", "-A", "marketplace", "--quiet", "worker", "--pool=solo",
             "-Q", queue, "-n", node, "--without-gossip", "--without-mingle",
             "--without-heartbeat", "-I", "tests.core.request_id_tasks", "--loglevel=INFO"],
            cwd=ROOT, env=env, stdout=log, stderr=errors,
        )  # fmt: skip
    settings.CELERY_BROKER_URL = url
    _point_app_at(url, queue)
    try:
        for _ in range(60):
            if process.poll() is not None or app.control.ping(destination=[node], timeout=0.5):
                break
        assert process.poll() is None, log_path.read_text()

        def view(request):
            send_now(log_with_request_id, "desde la petición")
            return HttpResponse("ok")

        response = _in_request("9e107d9d372bb6826bd81d3542a419d6", view)
        assert response["X-Request-ID"] == "9e107d9d372bb6826bd81d3542a419d6"

        for _ in range(300):
            lines = [json.loads(row) for row in log_path.read_text().splitlines() if row.strip()]
            done = [line for line in lines if line["message"] == "tarea desde la petición"]
            succeeded = [line for line in lines if line["logger"] == "celery.app.trace"]
            if done and succeeded:
                break
            threading.Event().wait(0.1)
        else:
            pytest.fail(f"the worker never ran the task:\n{log_path.read_text()[-4000:]}")
        # The worker serves its own counters (payment outcomes are applied on workers).
        exposed = requests.get(f"http://127.0.0.1:{metrics_port}/metrics", timeout=5).text
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        _point_app_at(None, "celery")
    [line] = done
    assert line["request_id"] == "9e107d9d372bb6826bd81d3542a419d6"
    assert line["logger"] == "tests.request_id"
    # Every line the worker wrote (with --quiet: no banner) is JSON, Celery's own included, and
    # Celery's note that the task succeeded carries the id too.
    trace = [row for row in lines if row["logger"] == "celery.app.trace"]
    assert [row["request_id"] for row in trace] == ["9e107d9d372bb6826bd81d3542a419d6"]
    assert "# TYPE tienda_payments_total counter" in exposed
