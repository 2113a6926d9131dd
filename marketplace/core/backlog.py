"""How much background work waits and how old the oldest is: the anonymous numbers `/readyz`
and the metrics report, and the staff operations page shows. Reads only (no permission: they
are counts)."""

from dataclasses import dataclass

from django.db.models import Count, Min, Q
from django.utils import timezone

from .models import OutboxDelivery, OutgoingEmail, WorkStatus


@dataclass(frozen=True)
class Backlog:
    waiting: int
    failed: int
    oldest_seconds: int  # age of the oldest waiting item; 0 when none waits


def _backlog(queryset, created_field: str) -> Backlog:
    row = queryset.aggregate(
        waiting=Count("pk", filter=Q(status=WorkStatus.PENDING)),
        failed=Count("pk", filter=Q(status=WorkStatus.FAILED)),
        oldest=Min(created_field, filter=Q(status=WorkStatus.PENDING)),
    )
    oldest = row["oldest"]
    age = int((timezone.now() - oldest).total_seconds()) if oldest else 0
    return Backlog(row["waiting"], row["failed"], max(age, 0))


def outbox_backlog() -> Backlog:
    """One query: waiting and failed deliveries and the oldest waiting one's age."""
    return _backlog(OutboxDelivery.objects.all(), "event__created_at")


def email_backlog() -> Backlog:
    """Outgoing email waiting to be sent and parked after its last attempt."""
    return _backlog(OutgoingEmail.objects.all(), "created_at")
