"""The audit log's hash chain: `audit_verify` passes on an untouched log and names the first
event that was altered, removed or slipped in, even when the change bypassed the application."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from marketplace.core.audit import audit_record
from marketplace.core.audit_chain import GENESIS
from marketplace.core.models import AuditEvent
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def events(db):
    actor = UserFactory(email="coordinadora@example.com")
    return [
        audit_record(actor=actor, action=f"test.step_{n}", data={"n": n, "nota": "ñandú"})
        for n in range(4)
    ]


def bypassing_the_guards(sql: str, params=()) -> None:
    """What someone with the database owner's rights could do: lift the append-only trigger,
    run `sql`, put the trigger back."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The test's own inserts leave deferred foreign-key checks pending, which would
            # block ALTER TABLE inside this transaction.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("ALTER TABLE core_auditevent DISABLE TRIGGER core_auditevent_no_update")
            cursor.execute(sql, params)
            cursor.execute("ALTER TABLE core_auditevent ENABLE TRIGGER core_auditevent_no_update")
        else:
            cursor.execute("DROP TRIGGER core_auditevent_no_update")
            cursor.execute(sql, params)
            cursor.execute(
                "CREATE TRIGGER core_auditevent_no_update BEFORE UPDATE ON core_auditevent "
                "BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;"
            )


def verify() -> str:
    from io import StringIO

    out = StringIO()
    call_command("audit_verify", stdout=out)
    return out.getvalue()


def test_an_untouched_log_verifies(events):
    assert events[0].prev_hash == GENESIS
    assert events[1].prev_hash == events[0].hash
    output = verify()
    assert "Audit chain intact: 4 events" in output
    assert events[-1].hash in output


def test_a_changed_past_event_is_detected(events):
    bypassing_the_guards(
        "UPDATE core_auditevent SET actor_repr = %s WHERE id = %s", ["otra", events[1].pk]
    )
    with pytest.raises(CommandError, match=f"broken at event {events[1].pk} \\(altered_event\\)"):
        verify()


def test_a_removed_event_is_detected(events):
    bypassing_the_guards("DELETE FROM core_auditevent WHERE id = %s", [events[2].pk])
    with pytest.raises(CommandError, match=f"event {events[3].pk} \\(missing_or_reordered"):
        verify()


def test_a_back_dated_insert_is_detected(events):
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO core_auditevent (occurred_at, actor_repr, action, target_type, "
            "target_id, target_repr, data, prev_hash, hash) "
            "VALUES (%s, 'system', 'test.forged', '', '', '', '{}', %s, %s)",
            ["2020-01-01 00:00:00+00:00", events[-1].hash, "f" * 64],
        )
    with pytest.raises(CommandError, match="altered_event"):
        verify()


def test_events_in_other_time_zones_and_tuples_verify(db):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    AuditEvent.objects.create(
        action="test.tz",
        occurred_at=datetime(2026, 5, 1, 8, 30, 0, 123456, tzinfo=ZoneInfo("America/Bogota")),
        data={"ids": (1, 2)},
    )
    assert "intact: 1 events" in verify()


def test_bulk_inserts_cannot_skip_the_chain(db):
    with pytest.raises(TypeError):
        AuditEvent.objects.bulk_create([AuditEvent(action="x")])
