"""Scheduled jobs: one list in settings for beat and for `run_jobs`, and a lease so that two
runs of the same job never overlap."""

import threading
from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.core.management import CommandError, call_command
from django.utils import timezone

from marketplace.core import jobs
from marketplace.core.models import JobRun

CALLS: list[str] = []
GATE = {"entered": threading.Event(), "release": threading.Event(), "block": False}


def count_call():
    CALLS.append("ran")
    if GATE["block"]:
        GATE["entered"].set()
        GATE["release"].wait(10)
    return len(CALLS)


def explode():
    raise ValueError("the mail server refused us")


@pytest.fixture
def test_jobs(settings):
    CALLS.clear()
    GATE.update(entered=threading.Event(), release=threading.Event(), block=False)
    settings.SCHEDULED_JOBS = {
        "contar": ("tests.core.test_jobs.count_call", 3600),
        "fallar": ("tests.core.test_jobs.explode", 3600),
    }
    return settings


def test_beat_and_the_loop_read_the_same_list():
    schedule = django_settings.CELERY_BEAT_SCHEDULE
    assert set(schedule) == set(django_settings.SCHEDULED_JOBS)
    assert {"outbox_sweep", "purge_carts", "search_index_check"} <= set(schedule)
    for name, entry in schedule.items():
        assert entry["task"] == "core.run_job" and entry["args"] == [name]
        assert entry["schedule"] == django_settings.SCHEDULED_JOBS[name][1]


def test_every_configured_job_runs_on_an_empty_database(db):
    for name in django_settings.SCHEDULED_JOBS:
        assert not jobs.run_job(name).startswith("failed"), name
        run = JobRun.objects.get(name=name)
        assert run.succeeded and run.runs == 1 and run.lease_until is None


def test_a_run_is_recorded(db, test_jobs):
    assert jobs.run_job("contar") == "1"
    run = JobRun.objects.get(name="contar")
    assert (run.runs, run.succeeded, run.result, run.lease_until) == (1, True, "1", None)
    assert run.finished_at >= run.started_at


def test_a_failing_job_is_recorded_and_releases_its_lease(db, test_jobs):
    assert jobs.run_job("fallar") == "failed: ValueError: the mail server refused us"
    run = JobRun.objects.get(name="fallar")
    assert run.succeeded is False and run.lease_until is None
    assert jobs.run_job("fallar").startswith("failed")  # the next tick runs it again


def test_a_job_whose_lease_is_held_is_skipped_until_the_lease_expires(db, test_jobs):
    JobRun.objects.create(name="contar", lease_until=timezone.now() + timedelta(minutes=5))
    assert jobs.run_job("contar") == jobs.SKIPPED
    assert CALLS == []
    # A holder that died leaves a lease that runs out.
    JobRun.objects.filter(name="contar").update(lease_until=timezone.now() - timedelta(seconds=1))
    assert jobs.run_job("contar") == "1"


def test_two_schedulers_running_one_job_at_once_run_it_once(postgres, test_jobs):
    from django.db import connection

    GATE["block"] = True
    results = {}

    def first():
        results["first"] = jobs.run_job("contar")
        connection.close()

    thread = threading.Thread(target=first)
    thread.start()
    assert GATE["entered"].wait(10)
    results["second"] = jobs.run_job("contar")
    GATE["release"].set()
    thread.join()
    assert results == {"first": "1", "second": jobs.SKIPPED}
    assert CALLS == ["ran"]


def test_run_jobs_once_runs_what_is_due_and_then_waits_for_the_interval(db, test_jobs):
    call_command("run_jobs", "--once")
    assert CALLS == ["ran"]
    call_command("run_jobs", "--once")
    assert CALLS == ["ran"]  # an hour has not passed
    JobRun.objects.filter(name="contar").update(started_at=timezone.now() - timedelta(hours=2))
    call_command("run_jobs", "--once")
    assert CALLS == ["ran", "ran"]


def test_run_jobs_runs_a_named_job_and_refuses_unknown_ones(db, test_jobs):
    call_command("run_jobs", "--job", "contar")
    assert CALLS == ["ran"]
    with pytest.raises(CommandError, match="Unknown job"):
        call_command("run_jobs", "--job", "no-existe")
