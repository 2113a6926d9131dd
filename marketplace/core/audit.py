"""Recording audit events. Services call `audit_record` inside their transaction, so an
operation that rolls back leaves no trace and one that commits always has its event."""

import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from .models import AuditEvent


def _jsonable(data: dict[str, Any]) -> dict[str, Any]:

    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def audit_record(
    *,
    actor,
    action: str,
    target: models.Model | None = None,
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event. `actor` may be None for system actions (imports, scheduled jobs)."""
    is_person = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEvent.objects.create(
        actor=actor if is_person else None,
        actor_repr=actor.get_username() if is_person else "system",
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_repr=str(target)[:255] if target is not None else "",
        data=_jsonable(data or {}),
    )


def audit_events_for(target: models.Model):
    return AuditEvent.objects.filter(
        target_type=target._meta.label_lower, target_id=str(target.pk)
    ).select_related("actor")
