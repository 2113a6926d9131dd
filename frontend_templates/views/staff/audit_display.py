"""How an audit event reads in the console: Spanish labels for its action, its target and each
changed field (before -> after), so staff never have to decode `{"status": "in_review"}`.

The vendor and enrolment histories and the audit log page all read events through here."""

from dataclasses import dataclass, field
from datetime import datetime

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from catalog.models import ModerationCase
from marketplace.core.selectors import municipality_list
from vendors.selectors import ciiu_section_list
from vendors.services.roster_import import HEADERS

from .access import MANAGE_ROSTER, MANAGE_VENDORS

ACTIONS = {
    "listing.approved": _("Publicación aprobada"),
    "listing.rejected": _("Publicación rechazada"),
    "listing.taken_down": _("Publicación retirada por moderación"),
    "revision.approved": _("Cambios de una publicación aprobados"),
    "revision.rejected": _("Cambios de una publicación rechazados"),
    "product.revision_proposed": _("Cambios propuestos a una publicación en la tienda"),
    "product.revision_withdrawn": _("Cambios pendientes descartados por el negocio"),
    "product.created": _("Producto creado"),
    "product.updated": _("Producto editado"),
    "product.submitted": _("Producto enviado a revisión"),
    "product.published": _("Producto publicado por el equipo"),
    "product.unpublished": _("Producto despublicado por el negocio"),
    "product.archived": _("Producto archivado"),
    "product.image_added": _("Foto agregada"),
    "product.image_deleted": _("Foto eliminada"),
    "variant.created": _("Variante creada"),
    "variant.updated": _("Variante editada"),
    "variant.deleted": _("Variante eliminada"),
    "enrollment.created": _("Inscripción creada"),
    "enrollment.updated": _("Inscripción actualizada"),
    "enrollment.status_changed": _("Cambio de estado de la inscripción"),
    "roster.imported": _("Registro importado"),
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
    "account.registered": _("Cuenta creada"),
    "account.activated": _("Cuenta activada"),
}
# Filtering by a prefix ("listing.") gives every action of one kind.
ACTION_GROUPS = {
    "listing.": _("Decisiones de moderación"),
    "revision.": _("Decisiones sobre cambios de publicaciones"),
    "product.": _("Productos y servicios"),
    "variant.": _("Variantes"),
    "vendor.": _("Vendedores"),
    "enrollment.": _("Registro de negocios"),
    "account.": _("Cuentas de usuario"),
}
TARGET_TYPES = {
    "catalog.product": _("Publicación"),
    "vendors.vendor": _("Vendedor"),
    "vendors.enrollment": _("Inscripción"),
    "vendors.program": _("Programa"),
    "accounts.user": _("Cuenta de usuario"),
}
# Variant events are filed under their product but describe the variant's fields.
FIELDS_MODEL_BY_PREFIX = {"variant.": "catalog.productvariant"}
# Keys of `data` shown on their own, not as "other details".
_KNOWN_KEYS = {"before", "after", "reason", "message"}


def action_label(code: str) -> str:
    return str(ACTIONS.get(code, code))


def _model(label: str):
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


# Reverse relations stored in events as lists (a revision's photos): they have no verbose name
# of their own, so their label and how a list of them reads live here.
LIST_FIELDS = {
    "images": (_("fotos"), lambda n: ngettext("%(n)d foto", "%(n)d fotos", n) % {"n": n}),
}


def _model_field(model, name: str):
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:  # renamed since the event was written: keep its stored name
        return None


def field_label(model, name: str) -> str:
    if name in LIST_FIELDS:
        return str(LIST_FIELDS[name][0])
    label = getattr(_model_field(model, name), "verbose_name", None)
    if label is not None:
        return str(label)
    return HEADERS.get(name, name)


class RelatedNames:
    """Names of the rows that events store by primary key (municipality, CIIU section), read
    once per page and only when an event needs them."""

    FIELDS = ("municipality", "ciiu_section")

    def __init__(self):
        self._maps: dict[str, dict[str, str]] = {}

    def get(self, name: str, pk) -> str:
        if name not in self._maps:
            rows = municipality_list() if name == "municipality" else ciiu_section_list()
            self._maps[name] = {str(row.pk): str(row) for row in rows}
        return self._maps[name].get(str(pk), str(pk))


def field_value(model, name: str, value, names: RelatedNames) -> str:
    if value in (None, ""):
        return "—"
    if isinstance(value, bool):
        return str(_("Sí") if value else _("No"))
    if name in RelatedNames.FIELDS and isinstance(value, int | str):
        return names.get(name, value)
    if isinstance(value, list):
        if name in LIST_FIELDS:
            return LIST_FIELDS[name][1](len(value))
        return ", ".join(str(item) for item in value)
    choices = getattr(_model_field(model, name), "choices", None)
    if choices and isinstance(value, int | str):
        return str(dict(choices).get(value, value))
    return str(value)


@dataclass
class Change:
    label: str
    before: str
    after: str


def changes_of(event, model, names: RelatedNames) -> list[Change]:
    data = event.data if isinstance(event.data, dict) else {}
    before = data.get("before") if isinstance(data.get("before"), dict) else {}
    after = data.get("after") if isinstance(data.get("after"), dict) else {}
    return [
        Change(
            label=field_label(model, name),
            before=field_value(model, name, before.get(name), names),
            after=field_value(model, name, after.get(name), names),
        )
        for name in dict.fromkeys([*before, *after])
    ]


def actor_name(event) -> str:
    """The person's name (or email), or "" for the system: imports and scheduled jobs."""
    if event.actor is not None:
        return event.actor.get_full_name() or event.actor.email
    return event.actor_repr if event.actor_repr not in ("", "system") else ""


@dataclass
class AuditRow:
    occurred_at: datetime
    actor_name: str
    actor_email: str
    action: str
    action_label: str
    target_type: str
    target_type_label: str
    target_id: str
    target_repr: str
    target_url: str
    reason: str
    message: str
    changes: list[Change] = field(default_factory=list)
    details: list[tuple[str, str]] = field(default_factory=list)

    @property
    def is_system(self) -> bool:
        return not self.actor_name


def _reason(action: str, reason) -> str:
    if not reason:
        return ""
    # Moderation stores the reason's code; everything else stores the text staff typed.
    if action.startswith(("listing.", "revision.")):
        return str(dict(ModerationCase.Reason.choices).get(reason, reason))
    return str(reason)


def _target_url(event, perms: set[str]) -> str:
    """The console page of the target, for those who may open it."""
    if not event.target_id.isdigit():
        return ""
    if event.target_type == "vendors.vendor" and MANAGE_VENDORS in perms:
        return reverse("staff:vendor_detail", kwargs={"vendor_id": int(event.target_id)})
    if event.target_type == "vendors.enrollment" and MANAGE_ROSTER in perms:
        return reverse("staff:enrollment_detail", kwargs={"enrollment_id": int(event.target_id)})
    return ""


def _details(data: dict, model) -> list[tuple[str, str]]:
    return [
        (field_label(model, key), str(value))
        for key, value in data.items()
        if key not in _KNOWN_KEYS and value not in (None, "", [], {})
    ]


class AuditRowBuilder:
    """Turns events into rows. Holds what a page needs once (the viewer's permissions, related
    names), so a page of 50 events costs the same queries as a page of 5."""

    def __init__(self, user):
        self.perms = {perm for perm in (MANAGE_VENDORS, MANAGE_ROSTER) if user.has_perm(perm)}
        self.names = RelatedNames()

    def row(self, event) -> AuditRow:
        data = event.data if isinstance(event.data, dict) else {}
        prefix = event.action.split(".", 1)[0] + "."
        model = _model(FIELDS_MODEL_BY_PREFIX.get(prefix, event.target_type))
        actor = event.actor
        return AuditRow(
            occurred_at=event.occurred_at,
            actor_name=actor_name(event),
            actor_email=actor.email if actor is not None else actor_name(event),
            action=event.action,
            action_label=action_label(event.action),
            target_type=event.target_type,
            target_type_label=str(TARGET_TYPES.get(event.target_type, event.target_type)),
            target_id=event.target_id,
            target_repr=event.target_repr,
            target_url=_target_url(event, self.perms),
            reason=_reason(event.action, data.get("reason")),
            message=str(data.get("message") or ""),
            changes=changes_of(event, model, self.names),
            details=_details(data, model),
        )
