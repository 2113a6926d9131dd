"""Audit events as people read them: who, when, what, and each changed field before -> after.

The events store codes (`vendor.suspended`, `{"status": "active"}`); this turns them into the
Spanish labels of the models, so the history reads like the rest of the console."""

from dataclasses import dataclass, field
from itertools import chain

from django.utils.translation import gettext_lazy as _

from marketplace.core.audit import audit_events_for
from marketplace.core.selectors import municipality_list
from vendors.models import Enrollment, Vendor
from vendors.selectors import ciiu_section_list
from vendors.services.roster_import import HEADERS

ACTIONS = {
    "enrollment.created": _("Inscripción creada"),
    "enrollment.updated": _("Inscripción actualizada"),
    "enrollment.status_changed": _("Cambio de estado de la inscripción"),
    "vendor.claim_requested": _("Pidió el código para reclamar el negocio"),
    "vendor.applied": _("Solicitud de vendedor enviada"),
    "vendor.approved": _("Solicitud aprobada"),
    "vendor.rejected": _("Solicitud rechazada"),
    "vendor.suspended": _("Vendedor suspendido"),
    "vendor.reactivated": _("Vendedor reactivado"),
    "vendor.closed": _("Vendedor cerrado"),
    "vendor.profile_updated": _("Perfil de la tienda actualizado"),
    "vendor.member_invited": _("Invitación a un miembro del equipo"),
    "vendor.member_joined": _("Nuevo miembro del equipo"),
    "vendor.member_removed": _("Miembro del equipo retirado"),
}


@dataclass
class Change:
    label: str
    before: str
    after: str


@dataclass
class HistoryEntry:
    occurred_at: object
    actor: str
    is_system: bool
    action: str
    subject: str
    changes: list[Change] = field(default_factory=list)
    reason: str = ""


def _field_label(model, name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name)
    except Exception:  # a field renamed since the event was written keeps its stored name
        return HEADERS.get(name, name)


class _Names:
    """Names of the related rows that events store by primary key, read once per page and only
    when an event needs them."""

    def __init__(self):
        self._maps: dict[str, dict[str, str]] = {}

    def get(self, name: str, pk) -> str:
        if name not in self._maps:
            rows = municipality_list() if name == "municipality" else ciiu_section_list()
            self._maps[name] = {str(row.pk): str(row) for row in rows}
        return self._maps[name].get(str(pk), str(pk))


def _value(model, name: str, value, names: _Names) -> str:
    if value in (None, ""):
        return "—"
    if model is Enrollment and name in ("municipality", "ciiu_section"):
        return names.get(name, value)
    if name == "status":
        choices = dict(model._meta.get_field("status").choices)
        return str(choices.get(value, value))
    if model is Enrollment and name in ("person_type", "size"):
        return str(dict(model._meta.get_field(name).choices).get(value, value))
    return str(value)


def _entry(event, model, subject: str, names: _Names) -> HistoryEntry:
    data = event.data or {}
    before = data.get("before") if isinstance(data.get("before"), dict) else {}
    after = data.get("after") if isinstance(data.get("after"), dict) else {}
    changes = [
        Change(
            label=_field_label(model, name),
            before=_value(model, name, before.get(name), names),
            after=_value(model, name, after.get(name), names),
        )
        for name in dict.fromkeys([*before, *after])
    ]
    actor = event.actor
    if actor is not None:
        who = actor.get_full_name() or actor.email
    else:
        who = event.actor_repr if event.actor_repr not in ("", "system") else ""
    return HistoryEntry(
        occurred_at=event.occurred_at,
        actor=who,
        is_system=not who,
        action=str(ACTIONS.get(event.action, event.action)),
        subject=subject,
        changes=changes,
        reason=str(data.get("reason") or ""),
    )


def history_for(*, enrollment: Enrollment | None = None, vendor: Vendor | None = None):
    """Newest first, the enrolment's and its vendor's events interleaved. One query each."""
    parts = []
    if enrollment is not None:
        parts.append((audit_events_for(enrollment), Enrollment, _("Inscripción")))
    if vendor is not None:
        parts.append((audit_events_for(vendor), Vendor, _("Vendedor")))
    names = _Names()
    entries = chain.from_iterable(
        (_entry(event, model, str(subject), names) for event in events)
        for events, model, subject in parts
    )
    return sorted(entries, key=lambda e: e.occurred_at, reverse=True)
