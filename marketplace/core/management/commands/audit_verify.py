"""`manage.py audit_verify`: walk the audit log's hash chain; exit 1 at the first event that
was changed, removed or slipped in. Prints the head digest to record elsewhere."""

from django.core.management.base import BaseCommand, CommandError

from marketplace.core.audit_chain import audit_chain_verify
from marketplace.core.models import AuditEvent


class Command(BaseCommand):
    help = "Check the audit log's hash chain; exit status 1 when any past event was altered."

    def handle(self, *args, **options):
        report = audit_chain_verify(AuditEvent)
        if not report.ok:
            raise CommandError(
                f"Audit chain broken at event {report.broken_at} ({report.reason}); "
                f"{report.checked} events before it are intact."
            )
        self.stdout.write(f"Audit chain intact: {report.checked} events, head {report.head}.")
