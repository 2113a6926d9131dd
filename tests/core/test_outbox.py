"""The transactional outbox: stored with the change, delivered after commit, each handler
retried alone, swept when never dispatched, one effect when delivered twice."""

import json
import os
import subprocess
import sys
import threading
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connection, transaction
from django.utils import timezone

from marketplace.core import outbox
from marketplace.core.attempts import Outcome, backoff_seconds
from marketplace.core.events import publish, subscribe, unsubscribe
from marketplace.core.models import OutboxDelivery, OutboxEvent, WorkStatus
from marketplace.core.sweeper import outbox_sweep

from .conftest import ParcelShipped

RECORD = "tests.core.conftest.record"
FLAKY = "tests.core.conftest.flaky"


def _delivery(handler: str) -> OutboxDelivery:
    return OutboxDelivery.objects.get(handler=handler)


def _later(seconds: int):
    return timezone.now() + timedelta(seconds=seconds)


def test_a_rolled_back_transaction_leaves_no_event(transactional_db, effects):
    with pytest.raises(RuntimeError), transaction.atomic():
        publish(ParcelShipped(parcel_id=1))
        assert OutboxEvent.objects.count() == 1
        raise RuntimeError("the order could not be saved")
    assert OutboxEvent.objects.count() == 0
    assert OutboxDelivery.objects.count() == 0
    assert effects.seen == []


def test_the_event_and_one_delivery_per_subscriber_are_written_in_the_transaction(
    db, effects, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        publish(ParcelShipped(parcel_id=2, tags=("fragil", "frío")))
        stored = OutboxEvent.objects.get()
        assert stored.name == "tests.parcel_shipped"
        assert stored.payload == {"parcel_id": 2, "tags": ["fragil", "frío"]}
        assert sorted(stored.deliveries.values_list("handler", flat=True)) == [FLAKY, RECORD]
        assert effects.seen == []  # nothing runs before the commit
    # After the commit each handler ran once, with the payload rebuilt (tuples stay tuples).
    assert sorted(effects.seen) == [("flaky", 2), ("record", 2, ("fragil", "frío"))]
    for delivery in OutboxDelivery.objects.all():
        assert (delivery.status, delivery.attempts) == (WorkStatus.DONE, 1)
        assert delivery.done_at is not None


def test_an_event_nobody_subscribes_to_writes_nothing(transactional_db):
    publish(ParcelShipped(parcel_id=3))
    assert OutboxEvent.objects.count() == 0


def test_a_payload_that_is_not_json_is_refused_before_anything_is_written(
    transactional_db, effects
):
    with pytest.raises(TypeError):
        publish(ParcelShipped(parcel_id=object()))
    assert OutboxEvent.objects.count() == 0


def test_a_raising_handler_is_retried_alone_with_backoff(transactional_db, effects, settings):
    settings.OUTBOX_RETRY_BACKOFF_SECONDS = 30
    effects.failures_left = 1
    before = timezone.now()
    publish(ParcelShipped(parcel_id=4))

    failed, done = _delivery(FLAKY), _delivery(RECORD)
    assert done.status == WorkStatus.DONE and effects.count("record") == 1
    assert (failed.status, failed.attempts) == (WorkStatus.PENDING, 1)
    assert failed.last_error == "RuntimeError: carrier API down"
    # First retry: the base delay times a jitter factor between 0.5 and 1.
    wait = (failed.next_attempt_at - before).total_seconds()
    assert 15 <= wait <= 31

    # Before it is due (plus the sweeper's grace) nothing runs again.
    assert outbox_sweep(now=failed.next_attempt_at)["deliveries"] == 0
    counts = outbox_sweep(now=failed.next_attempt_at + timedelta(minutes=2))
    assert counts["deliveries"] == 1
    assert _delivery(FLAKY).status == WorkStatus.DONE
    assert _delivery(FLAKY).attempts == 2
    # The handler that had succeeded was not run again.
    assert effects.count("record") == 1 and effects.count("flaky") == 1


def test_a_handler_that_keeps_failing_is_parked_after_the_last_attempt(
    transactional_db, effects, settings
):
    settings.OUTBOX_MAX_ATTEMPTS = 3
    effects.failures_left = 100
    publish(ParcelShipped(parcel_id=5))
    now = timezone.now()
    for step in range(1, 6):
        outbox_sweep(now=now + timedelta(days=step))
    parked = _delivery(FLAKY)
    assert (parked.status, parked.attempts) == (WorkStatus.FAILED, 3)
    assert effects.failures_left == 100 - 3


def test_backoff_grows_exponentially_with_jitter_and_a_ceiling(settings):
    settings.OUTBOX_RETRY_BACKOFF_SECONDS = 10
    settings.OUTBOX_RETRY_BACKOFF_MAX_SECONDS = 100
    assert 5 <= backoff_seconds(1) <= 10
    assert 20 <= backoff_seconds(3) <= 40
    assert 50 <= backoff_seconds(12) <= 100
    assert len({round(backoff_seconds(4), 6) for _ in range(20)}) > 1  # jitter


def test_a_delivery_never_dispatched_is_picked_up_by_the_sweeper(db, effects):
    # In this test transaction the commit never comes, so the after-commit dispatch never
    # runs: the rows are there, as after a crash between the commit and the dispatch.
    publish(ParcelShipped(parcel_id=6))
    assert effects.seen == []
    assert outbox_sweep()["deliveries"] == 0  # still within the grace of a normal dispatch
    grace = django_settings.OUTBOX_SWEEP_AFTER_SECONDS
    assert outbox_sweep(now=_later(grace + 1))["deliveries"] == 2
    assert sorted(effects.seen) == [("flaky", 6), ("record", 6, ())]
    assert outbox_sweep(now=_later(grace + 60))["deliveries"] == 0


def test_a_delivery_run_twice_has_one_effect(transactional_db, mailoutbox):
    from marketplace.core.mail import email_queue
    from marketplace.core.models import OutgoingEmail

    def notify(event):
        email_queue(
            to="bodega@example.com",
            subject=f"Paquete {event.parcel_id} enviado",
            body="Va en camino.",
            idempotency_key=event.idempotency_key("bodega@example.com"),
        )

    subscribe(ParcelShipped, name="tests.notify")(notify)
    try:
        publish(ParcelShipped(parcel_id=7))
        delivery = _delivery("tests.notify")
        assert outbox.deliver(delivery.pk) == Outcome.SKIPPED  # done: a duplicate is ignored
        # A worker that died after running the handler but before recording it: the row is
        # pending again and the handler runs a second time.
        OutboxDelivery.objects.filter(pk=delivery.pk).update(status=WorkStatus.PENDING)
        assert outbox.deliver(delivery.pk) == Outcome.DONE
    finally:
        unsubscribe(ParcelShipped, notify)
    assert OutgoingEmail.objects.count() == 1
    assert len(mailoutbox) == 1
    assert mailoutbox[0].subject == "Paquete 7 enviado"


def test_two_workers_delivering_the_same_row_at_once_run_it_once(postgres):
    release, blocking = threading.Event(), threading.Event()
    runs = []

    def slow(event):
        runs.append(event.parcel_id)
        if blocking.is_set():
            release.wait(10)

    subscribe(ParcelShipped, name="tests.slow")(slow)
    try:
        publish(ParcelShipped(parcel_id=8))
        delivery_id = _delivery("tests.slow").pk
        # The commit above already ran the handler once in-process; make it due again.
        OutboxDelivery.objects.filter(pk=delivery_id).update(status=WorkStatus.PENDING)
        runs.clear()
        blocking.set()
        results = {}

        def first():
            results["first"] = outbox.deliver(delivery_id)
            connection.close()

        thread = threading.Thread(target=first)
        thread.start()
        while not runs:
            threading.Event().wait(0.01)
        # The first worker holds the row: the second skips it instead of running it again.
        results["second"] = outbox.deliver(delivery_id)
        release.set()
        thread.join()
    finally:
        release.set()
        unsubscribe(ParcelShipped, slow)
    assert results == {"first": Outcome.DONE, "second": Outcome.SKIPPED}
    assert runs == [8]


KILLED_AFTER_COMMIT = """
import os, signal, django
django.setup()
from django.db import transaction
from marketplace.core.events import publish, subscribe
from tests.core.conftest import ParcelShipped, record
subscribe(ParcelShipped)(record)
with transaction.atomic():
    # Registered first, so it runs first after the commit: the process dies before the
    # outbox's own after-commit dispatch.
    transaction.on_commit(lambda: os.kill(os.getpid(), signal.SIGKILL))
    publish(ParcelShipped(parcel_id=9))
"""


def test_a_process_killed_between_commit_and_dispatch_loses_nothing(postgres, effects):
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "marketplace.settings",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "CELERY_BROKER_URL": "",
    }
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", KILLED_AFTER_COMMIT], cwd=root, env=env, timeout=60
    )
    assert done.returncode == -9
    delivery = _delivery(RECORD)
    assert (delivery.status, delivery.attempts) == (WorkStatus.PENDING, 0)
    assert json.loads(json.dumps(delivery.event.payload)) == {"parcel_id": 9, "tags": []}

    grace = django_settings.OUTBOX_SWEEP_AFTER_SECONDS
    outbox_sweep(now=_later(grace + 1))
    assert _delivery(RECORD).status == WorkStatus.DONE
    assert effects.seen.count(("record", 9, ())) == 1
