from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import QuerySet
from django.utils import timezone

from .models import AuditEvent, Municipality
from .permissions import require_perm


def municipality_list():
    return Municipality.objects.order_by("name")


@dataclass(frozen=True)
class AuditFilters:
    target_type: str = ""  # e.g. "catalog.product"
    target_id: str = ""
    actor: str = ""  # email
    action: str = ""  # exact, or a prefix ending in "." ("listing.")
    date_from: date | None = None
    date_to: date | None = None


# Events about the programme's roster carry businesses' contact data (Ley 1581: only those who
# manage the roster need it), and account events belong to those who administer accounts.
_RESTRICTED = (
    ("accounts.manage_roster", ("vendors.enrollment",), ("roster.", "enrollment.")),
    ("accounts.view_user", ("accounts.user",), ("account.",)),
)


def audit_event_list(*, user, filters: AuditFilters | None = None) -> QuerySet[AuditEvent]:
    require_perm(user, "core.view_audit_log")
    filters = filters or AuditFilters()
    qs = AuditEvent.objects.select_related("actor")
    for perm, target_types, prefixes in _RESTRICTED:
        if not user.has_perm(perm):
            qs = qs.exclude(target_type__in=target_types)
            for prefix in prefixes:
                qs = qs.exclude(action__startswith=prefix)
    if filters.target_type:
        qs = qs.filter(target_type=filters.target_type)
    if filters.target_id:
        qs = qs.filter(target_id=filters.target_id)
    if filters.actor:
        qs = qs.filter(actor_repr__iexact=filters.actor)
    if filters.action:
        qs = (
            qs.filter(action__startswith=filters.action)
            if filters.action.endswith(".")
            else qs.filter(action=filters.action)
        )
    tz = timezone.get_current_timezone()
    if filters.date_from:
        qs = qs.filter(occurred_at__gte=datetime.combine(filters.date_from, time.min, tzinfo=tz))
    if filters.date_to:
        qs = qs.filter(occurred_at__lte=datetime.combine(filters.date_to, time.max, tzinfo=tz))
    return qs.order_by("-occurred_at", "-id")
