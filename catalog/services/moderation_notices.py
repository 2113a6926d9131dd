"""What a vendor's team reads in its dashboard about a moderation decision: the notice's
title, its body (the reason, the moderator's message and what to do next) and its link."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from ..models import ModerationCase, Product

REVISION_KIND = "revision"


def _notice_kind(case: ModerationCase) -> str:
    prefix = "revision" if case.kind == REVISION_KIND else "listing"
    return f"{prefix}_{case.decision}"


def _texts(kind: str, name: str, reason: str, message: str) -> tuple[str, str]:
    values = {"name": name, "reason": reason, "message": message}
    if kind == "listing_approved":
        return (
            _("Publicamos «%(name)s»") % values,
            _("El equipo del programa aprobó tu publicación. Ya aparece en la tienda."),
        )
    if kind == "revision_approved":
        return (
            _("Aprobamos los cambios de «%(name)s»") % values,
            _("El equipo del programa aprobó los cambios. Ya se ven en la tienda."),
        )
    if kind == "listing_rejected":
        return (
            _("Rechazamos «%(name)s»: %(reason)s") % values,
            _(
                "Motivo: %(reason)s.\nQué corregir: %(message)s\nCuando lo corrijas, envíalo "
                "de nuevo a revisión."
            )
            % values,
        )
    if kind == "revision_rejected":
        return (
            _("Rechazamos los cambios de «%(name)s»: %(reason)s") % values,
            _(
                "Motivo: %(reason)s.\nQué corregir: %(message)s\nTu publicación sigue en la "
                "tienda sin esos cambios. Corrígelos y envíalos de nuevo a revisión."
            )
            % values,
        )
    if kind == "listing_taken_down":
        return (
            _("Retiramos «%(name)s» de la tienda: %(reason)s") % values,
            _(
                "Motivo: %(reason)s.\nDetalle: %(message)s\nPara volver a publicarlo, "
                "corrígelo y envíalo de nuevo a revisión."
            )
            % values,
        )
    raise ValueError(f"No vendor notice for a {kind!r} decision")


def listing_decision_notice(*, product: Product, case: ModerationCase) -> dict:
    """The arguments of `vendor_notify` for `case`'s decision on `product`."""
    kind = _notice_kind(case)
    # Stored text is read later by the vendor, so it is written in the site's language rather
    # than in whatever language the deciding moderator happens to browse in.
    with translation.override(settings.LANGUAGE_CODE):
        title, body = _texts(kind, product.name, case.get_reason_display(), case.message)
    return {
        "kind": kind,
        "title": title,
        "body": body,
        "url": reverse("vendors:product_edit", args=[product.pk]),
    }
