import pytest
from django.db import DatabaseError, connection, transaction

from marketplace.core.audit import audit_events_for, audit_record
from marketplace.core.models import AuditEvent


@pytest.fixture
def event(citizen):
    return audit_record(
        actor=citizen, action="account.test", target=citizen, data={"why": "prueba"}
    )


def test_records_actor_action_target_and_data(event, citizen):
    assert event.actor == citizen
    assert event.actor_repr == citizen.email
    assert event.target_type == "accounts.user"
    assert event.target_id == str(citizen.pk)
    assert event.data == {"why": "prueba"}
    assert list(audit_events_for(citizen)) == [event]


def test_system_actions_have_no_actor(db):
    event = audit_record(actor=None, action="roster.imported", data={"rows": 3})
    assert event.actor is None and event.actor_repr == "system"


def test_orm_refuses_to_edit_or_delete_events(event):
    event.action = "changed"
    with pytest.raises(TypeError):
        event.save()
    with pytest.raises(TypeError):
        event.delete()
    with pytest.raises(TypeError):
        AuditEvent.objects.filter(pk=event.pk).update(action="changed")
    with pytest.raises(TypeError):
        AuditEvent.objects.filter(pk=event.pk).delete()


def test_database_refuses_raw_updates(event):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditevent SET action = 'changed' WHERE id = %s", [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).action == "account.test"


def test_postgresql_refuses_raw_deletes(event):
    if connection.vendor != "postgresql":
        pytest.skip("DELETE trigger exists on PostgreSQL only (SQLite test teardown deletes rows)")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditevent WHERE id = %s", [event.pk])
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_event_of_a_rolled_back_operation_is_gone(db):
    with pytest.raises(RuntimeError), transaction.atomic():
        audit_record(actor=None, action="will.rollback")
        raise RuntimeError
    assert not AuditEvent.objects.filter(action="will.rollback").exists()


def test_roster_and_account_events_are_shown_only_to_those_who_manage_them(
    citizen, moderator, coordinator, vendor
):
    from marketplace.core.selectors import audit_event_list

    enrollment = vendor.enrollment
    audit_record(actor=coordinator, action="enrollment.updated", target=enrollment)
    audit_record(actor=None, action="account.registered", target=citizen)
    audit_record(actor=moderator, action="listing.approved", target=vendor)

    def seen(user):
        return set(audit_event_list(user=user).values_list("action", flat=True))

    assert seen(moderator) == {"listing.approved"}
    assert seen(coordinator) == {"listing.approved", "enrollment.updated"}
