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
