"""On PostgreSQL, the application's role set up by infra/postgres/app_role.sql can add to and
read the audit log but cannot rewrite its history by any of the routes the sweep used."""

import re
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import DatabaseError, connection, transaction

from marketplace.core.audit import audit_record
from marketplace.core.models import AuditEvent

SCRIPT = Path(settings.BASE_DIR) / "infra" / "postgres" / "app_role.sql"

pytestmark = pytest.mark.django_db


@pytest.fixture
def app_role(db):
    if connection.vendor != "postgresql":
        pytest.skip("database roles and privileges exist on PostgreSQL only")
    audit_record(actor=None, action="test.before_role")
    name = f"tienda_app_{uuid.uuid4().hex[:8]}"
    sql = re.sub(r"--[^\n]*", "", SCRIPT.read_text()).replace(':"app_role"', f'"{name}"')
    with connection.cursor() as cursor:
        # Created inside the test's transaction, so the role disappears with its rollback.
        cursor.execute(f'CREATE ROLE "{name}" NOLOGIN NOSUPERUSER')
        for statement in filter(str.strip, sql.split(";")):
            cursor.execute(statement)
        cursor.execute(f'SET ROLE "{name}"')
    yield name
    with connection.cursor() as cursor:
        cursor.execute("RESET ROLE")


@pytest.mark.parametrize(
    "attack",
    [
        "TRUNCATE core_auditevent",
        "ALTER TABLE core_auditevent DISABLE TRIGGER core_auditevent_no_update",
        "SET session_replication_role = replica",
        "UPDATE core_auditevent SET action = 'x'",
        "DELETE FROM core_auditevent",
        "ALTER TABLE core_auditevent DROP COLUMN hash",
    ],
)
def test_the_app_role_cannot_rewrite_the_audit_log(app_role, attack):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(attack)
    assert AuditEvent.objects.filter(action="test.before_role").exists()


def test_the_app_role_still_appends_and_reads(app_role):
    event = audit_record(actor=None, action="test.as_app_role")
    assert AuditEvent.objects.filter(pk=event.pk, action="test.as_app_role").exists()
    assert event.prev_hash == AuditEvent.objects.get(action="test.before_role").hash
