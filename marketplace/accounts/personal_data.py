"""Data-subject rights (Ley 1581 de 2012, habeas data): a person downloads what the store holds
about them and asks for their account to be erased (privacy.py handles the request).

Each app that holds personal data registers here, from its AppConfig.ready(), a section of the
download and an eraser, so this module never imports the apps above it. Erasing anonymises the
account rather than deleting it: orders are legal records (electronic invoices, consumer claims)
that the store must keep, and the audit log must stay whole; both keep pointing at a person
who no longer has a name, an email or a way to sign in.
"""

from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import timezone

from marketplace.core.audit import audit_record
from marketplace.core.permissions import require_authenticated

from .models import PrivacyConsent, RefreshToken, User

_SECTIONS: dict[str, Callable[[User], Any]] = {}
_ERASERS: list[Callable[[User], None]] = []
_BLOCKERS: list[Callable[[User], None]] = []

ERASED_EMAIL_DOMAIN = "anonimo.invalid"  # RFC 2606: never delivered


def personal_data_section(name: str):
    """Register `exporter(user) -> JSON-able` as the download's section `name`."""

    def register(exporter):
        _SECTIONS[name] = exporter
        return exporter

    return register


def personal_data_eraser(eraser: Callable[[User], None]):
    """Register `eraser(user)`: removes or anonymises what its app holds about `user`."""
    _ERASERS.append(eraser)
    return eraser


def personal_data_blocker(blocker: Callable[[User], None]):
    """Register `blocker(user)`: raises ValidationError while `user` cannot be erased yet. It is
    asked when the person files a request and again when staff carry it out."""
    _BLOCKERS.append(blocker)
    return blocker


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


@personal_data_section("cuenta")
def _account(user: User) -> dict:
    return {
        "correo": user.email,
        "nombre": user.first_name,
        "apellidos": user.last_name,
        "telefono": user.phone,
        "cuenta_creada": _iso(user.date_joined),
        "ultimo_ingreso": _iso(user.last_login),
        "correo_verificado": _iso(user.email_verified_at),
    }


@personal_data_section("autorizaciones")
def _consents(user: User) -> list:
    return [
        {"politica_version": c.policy_version, "aceptada": _iso(c.accepted_at)}
        for c in PrivacyConsent.objects.filter(user=user).order_by("accepted_at")
    ]


def personal_data_export(*, user: User) -> dict:
    require_authenticated(user)
    return {"generado": _iso(timezone.now())} | {
        name: exporter(user) for name, exporter in _SECTIONS.items()
    }


def account_erasure_check(*, user: User) -> None:
    """Raise the first registered blocker's ValidationError if `user` cannot be erased now."""
    for blocker in _BLOCKERS:
        blocker(user)


def account_anonymise(*, user: User, actor) -> None:
    """Anonymise `user`'s account; every registered eraser runs in the same transaction, so a
    refusal leaves everything as it was. Callers check who may do this (privacy.py)."""
    with transaction.atomic():
        account_erasure_check(user=user)
        for eraser in _ERASERS:
            eraser(user)
        # Proof of each consent stays (Ley 1581 asks for it); where it was given from goes.
        PrivacyConsent.objects.filter(user=user).update(ip_address=None, user_agent="")
        RefreshToken.objects.filter(user=user, revoked_at=None).update(revoked_at=timezone.now())
        user.email = f"eliminada-{user.pk}@{ERASED_EMAIL_DOMAIN}"
        user.first_name = user.last_name = user.phone = ""
        user.email_verified_at = None
        user.is_active = False
        # A new password hash also ends every session and token signed for the old one.
        user.set_unusable_password()
        user.save()
        user.groups.clear()
        audit_record(actor=actor, action="account_erased", target=user)
