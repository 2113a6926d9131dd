"""Chain the audit log (marketplace.core.audit_chain). Events written before this migration
are chained here, in insertion order, with the append-only trigger lifted for the backfill only
(the migration runs as the database owner; the application's role never can).

On SQLite, adding the columns rebuilds the table, which drops its trigger: it is created again
here whether or not there was anything to backfill."""

from django.db import migrations, models


def chain_existing(apps, schema_editor):
    from marketplace.core.audit_chain import GENESIS, event_digest

    AuditEvent = apps.get_model("core", "AuditEvent")
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE core_auditevent DISABLE TRIGGER core_auditevent_no_update"
        )
    elif vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS core_auditevent_no_update")
    previous = GENESIS
    for event in AuditEvent.objects.order_by("id").iterator():
        digest = event_digest(event, previous)
        # QuerySet.update on the historical model: the live model's guard is not in play.
        AuditEvent.objects.filter(pk=event.pk).update(prev_hash=previous, hash=digest)
        previous = digest
    if vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE core_auditevent ENABLE TRIGGER core_auditevent_no_update"
        )
    elif vendor == "sqlite":
        schema_editor.execute(
            "CREATE TRIGGER core_auditevent_no_update BEFORE UPDATE ON core_auditevent "
            "BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;"
        )


class Migration(migrations.Migration):
    dependencies = [("core", "0004_outbox_inbox_jobs")]

    operations = [
        migrations.AddField(
            model_name="auditevent",
            name="hash",
            field=models.CharField(blank=True, editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="prev_hash",
            field=models.CharField(blank=True, editable=False, max_length=64),
        ),
        migrations.RunPython(chain_existing, migrations.RunPython.noop),
    ]
