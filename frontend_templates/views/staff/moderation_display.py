"""How the moderation queue reads to staff: the automatic flags as Spanish labels with an
explanation of what to look at, and how long a listing has waited against the service-level
target (MODERATION_SLA_HOURS)."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from marketplace.core.money import format_cop

# The codes catalog/moderation_checks.py produces. A code missing here (a check added later)
# still shows, under its code, so no hint is ever dropped.
FLAG_LABELS = {
    "no_image": gettext_lazy("Sin fotos"),
    "short_description": gettext_lazy("Descripción corta"),
    "prohibited_words": gettext_lazy("Palabras restringidas"),
    "price_outlier": gettext_lazy("Precio atípico"),
    "near_duplicate": gettext_lazy("Posible duplicado"),
    "price_change": gettext_lazy("Cambio grande de precio"),
}


@dataclass(frozen=True)
class Flag:
    code: str
    label: str
    explanation: str


def _explain(flag: dict) -> str:
    code = flag.get("code", "")
    if code == "no_image":
        return _("La publicación no tiene fotos: quien compra no puede ver lo que ofrece.")
    if code == "short_description":
        return _(
            "La descripción tiene %(n)s caracteres: revisa que diga qué es, de qué está hecho "
            "y qué incluye."
        ) % {"n": flag.get("length", 0)}
    if code == "prohibited_words":
        return _(
            "Menciona %(words)s: confirma que no sea un producto prohibido o una imitación."
        ) % {"words": ", ".join(f"«{w}»" for w in flag.get("words", []))}
    if code == "price_outlier":
        return _(
            "Cuesta %(price)s y la mitad de su categoría cuesta %(median)s o menos: revisa "
            "que el precio no tenga un error."
        ) % {
            "price": format_cop(flag.get("price") or 0),
            "median": format_cop(flag.get("category_median") or 0),
        }
    if code == "near_duplicate":
        return _(
            "Se parece a «%(name)s», otra publicación del mismo negocio: revisa que no esté "
            "repetida."
        ) % {"name": flag.get("name", "")}
    if code == "price_change":
        return _(
            "El negocio cambió el precio de %(sku)s de %(old)s a %(new)s. El nuevo precio ya "
            "está en la tienda: confirma que no sea un error."
        ) % {
            "sku": flag.get("sku", ""),
            "old": format_cop(flag.get("old") or 0),
            "new": format_cop(flag.get("new") or 0),
        }
    return _("Revisión automática sin explicación disponible.")


def flags_for(case) -> list[Flag]:
    """The case's automatic flags, in the order the checks raised them. Hints, not verdicts."""
    return [
        Flag(
            code=flag.get("code", ""),
            label=str(FLAG_LABELS.get(flag.get("code", ""), flag.get("code", ""))),
            explanation=_explain(flag),
        )
        for flag in case.flags or []
        if isinstance(flag, dict)
    ]


def flag_choices() -> list[tuple[str, str]]:
    return [(code, str(label)) for code, label in FLAG_LABELS.items()]


def waiting_text(waited: timedelta) -> str:
    """Coarse on purpose ("hace 5 min", "hace 3 h", "hace 2 días"): it is read at a glance."""
    minutes = max(int(waited.total_seconds() // 60), 0)
    if minutes < 60:
        return ngettext("hace %(n)d min", "hace %(n)d min", minutes) % {"n": minutes}
    hours = minutes // 60
    if hours < 24:
        return ngettext("hace %(n)d h", "hace %(n)d h", hours) % {"n": hours}
    days = hours // 24
    return ngettext("hace %(n)d día", "hace %(n)d días", days) % {"n": days}


@dataclass(frozen=True)
class Waiting:
    text: str
    overdue: bool
    sla_hours: int


def waiting(submitted_at: datetime, now: datetime) -> Waiting:
    sla_hours = settings.MODERATION_SLA_HOURS
    waited = now - submitted_at
    return Waiting(
        text=waiting_text(waited),
        overdue=waited > timedelta(hours=sla_hours),
        sla_hours=sla_hours,
    )
