"""Audit events as people read them: who, when, what, and each changed field before -> after.

The events store codes (`vendor.suspended`, `{"status": "active"}`); audit_display turns them
into the Spanish labels of the models, so the history reads like the rest of the console."""

from dataclasses import dataclass, field
from itertools import chain

from django.utils.translation import gettext_lazy as _

from marketplace.core.audit import audit_events_for
from vendors.models import Enrollment, Vendor

from .audit_display import Change, RelatedNames, action_label, actor_name, changes_of


@dataclass
class HistoryEntry:
    occurred_at: object
    actor: str
    is_system: bool
    action: str
    subject: str
    changes: list[Change] = field(default_factory=list)
    reason: str = ""


def _entry(event, model, subject: str, names: RelatedNames) -> HistoryEntry:
    data = event.data or {}
    who = actor_name(event)
    return HistoryEntry(
        occurred_at=event.occurred_at,
        actor=who,
        is_system=not who,
        action=action_label(event.action),
        subject=subject,
        changes=changes_of(event, model, names),
        reason=str(data.get("reason") or ""),
    )


def history_for(*, enrollment: Enrollment | None = None, vendor: Vendor | None = None):
    """Newest first, the enrolment's and its vendor's events interleaved. One query each."""
    parts = []
    if enrollment is not None:
        parts.append((audit_events_for(enrollment), Enrollment, _("Inscripción")))
    if vendor is not None:
        parts.append((audit_events_for(vendor), Vendor, _("Vendedor")))
    names = RelatedNames()
    entries = chain.from_iterable(
        (_entry(event, model, str(subject), names) for event in events)
        for events, model, subject in parts
    )
    return sorted(entries, key=lambda e: e.occurred_at, reverse=True)
