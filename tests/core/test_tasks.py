import pytest
from django.db import transaction

from marketplace.core.tasks import enqueue, task, uses_broker

calls: list = []


@task(name="tests.core.remember")
def remember(value):
    calls.append(value)
    return value


@pytest.fixture(autouse=True)
def _reset():
    calls.clear()


def test_without_a_broker_tasks_run_in_process_after_commit(
    db, settings, django_capture_on_commit_callbacks
):
    settings.CELERY_BROKER_URL = ""
    assert not uses_broker()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        enqueue(remember, "hola")
        assert calls == []
    assert calls == ["hola"]


def test_rolled_back_work_enqueues_nothing(transactional_db, settings):
    settings.CELERY_BROKER_URL = ""
    with pytest.raises(RuntimeError), transaction.atomic():
        enqueue(remember, "nunca")
        raise RuntimeError
    assert calls == []


def test_a_failing_in_process_task_does_not_break_the_request(transactional_db, settings, caplog):
    settings.CELERY_BROKER_URL = ""

    @task(name="tests.core.explode")
    def explode():
        raise ValueError("boom")

    enqueue(explode)
    assert "tests.core.explode failed" in caplog.text


def test_task_is_also_a_registered_celery_task():
    from marketplace.celery import app

    assert remember.celery_task.name == "tests.core.remember"
    assert "tests.core.remember" in app.tasks
    assert remember(3) == 3


def test_plain_text_mail_is_not_html_escaped(db, mailoutbox, django_capture_on_commit_callbacks):
    from types import SimpleNamespace

    from marketplace.core.mail import email_send_templated

    product = SimpleNamespace(name="Café & Pan <integral>", slug="cafe-y-pan")
    user = SimpleNamespace(get_short_name="Luz")
    with django_capture_on_commit_callbacks(execute=True):
        email_send_templated(
            to="luz@example.com",
            template="catalog/email/listing_approved",
            context={"product": product, "user": user},
        )
    [mail] = mailoutbox
    assert "«Café & Pan <integral>»" in mail.subject
    assert "Café & Pan <integral>" in mail.body and "&amp;" not in mail.body


def test_every_project_task_lives_in_its_apps_tasks_module():
    from marketplace.core.background import REGISTRY

    from .test_celery_worker import project_tasks

    for name in project_tasks():
        module = REGISTRY[name].func.__module__
        assert module.endswith(".tasks"), f"{name} is defined in {module}, not in a tasks.py"


def test_tasks_retry_with_backoff_jitter_and_a_maximum():
    from marketplace.core import tasks as core_tasks

    search_task = core_tasks.REGISTRY["search.index_products"].celery_task
    assert search_task.autoretry_for == (Exception,)
    assert search_task.retry_backoff and search_task.retry_jitter
    assert search_task.max_retries == 5
    delivery = core_tasks.deliver_event.celery_task
    assert delivery.autoretry_for == (core_tasks.RetryLater,)
    assert delivery.retry_jitter and delivery.max_retries >= 1


def test_enqueue_passes_a_countdown_to_the_broker(transactional_db, settings, monkeypatch):
    settings.CELERY_BROKER_URL = "memory://"
    sent = []
    monkeypatch.setattr(remember.celery_task, "apply_async", lambda **kwargs: sent.append(kwargs))
    enqueue(remember, "luego", countdown=30)
    assert sent == [{"args": ("luego",), "kwargs": {}, "countdown": 30}]
