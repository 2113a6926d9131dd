"""Account deletion requests (Ley 1581 de 2012 art. 15, Decreto 1377 de 2013): a person asks for
their personal data to be deleted, and programme staff carry the request out within the legal
term. The anonymisation itself lives in personal_data.py, where every app registers its part.

A request is a "reclamo" under art. 15: it is answered within 15 business days from the day after
it arrives, and the term may be extended once by up to 8 business days when the person is told
why (deletion_request_extend). Business days skip Sundays and Colombian holidays.
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.core.audit import audit_record
from marketplace.core.business_days import business_days_after
from marketplace.core.errors import CoreErrorCode, field_error
from marketplace.core.events import publish
from marketplace.core.permissions import require_authenticated, require_perm

from .error_codes import AccountErrorCode
from .events import DeletionRequestExtended
from .models import AccountDeletionRequest, User
from .personal_data import account_anonymise, account_erasure_check, personal_data_export

TERM_BUSINESS_DAYS = 15
EXTENSION_BUSINESS_DAYS = 8
HANDLE_PERM = "accounts.handle_data_requests"


def _already_requested() -> ValidationError:
    return field_error(
        "__all__",
        _("Ya tienes una solicitud de eliminación en trámite. Te responderemos dentro del plazo."),
        AccountErrorCode.DELETION_ALREADY_REQUESTED,
    )


# Selectors


def personal_data_for(*, user: User) -> dict:
    """Everything the store holds about `user`, for the download and the readable page."""
    return personal_data_export(user=user)


def deletion_request_pending_for(*, user: User) -> AccountDeletionRequest | None:
    require_authenticated(user)
    return AccountDeletionRequest.objects.filter(
        user=user, status=AccountDeletionRequest.Status.PENDING
    ).first()


@dataclass(frozen=True)
class PendingRequest:
    request: AccountDeletionRequest
    age_days: int
    overdue: bool
    can_extend: bool


def deletion_requests_pending(*, actor: User, today: date | None = None) -> list[PendingRequest]:
    """Pending requests, oldest first, with their age in calendar days; staff only."""
    require_perm(actor, HANDLE_PERM)
    today = today or timezone.localdate()
    requests = AccountDeletionRequest.objects.filter(
        status=AccountDeletionRequest.Status.PENDING
    ).select_related("user", "extended_by")
    return [
        PendingRequest(
            request=r,
            age_days=(today - timezone.localdate(r.created_at)).days,
            overdue=today > r.due_on,
            can_extend=deletion_request_can_extend(request=r, today=today),
        )
        for r in requests
    ]


def deletion_requests_handled(*, actor: User, limit: int = 20) -> QuerySet[AccountDeletionRequest]:
    require_perm(actor, HANDLE_PERM)
    return (
        AccountDeletionRequest.objects.filter(status=AccountDeletionRequest.Status.DONE)
        .select_related("handled_by")
        .order_by("-handled_at", "-pk")[:limit]
    )


# Services


def deletion_request_create(*, user: User, password: str) -> AccountDeletionRequest:
    """File `user`'s request to delete their account, after they confirm with their password."""
    require_authenticated(user)
    if not user.check_password(password or ""):
        raise field_error("password", _("La contraseña no es correcta."), CoreErrorCode.INVALID)
    if deletion_request_pending_for(user=user) is not None:
        raise _already_requested()
    # Tell the person now rather than after staff try: the same check runs again then.
    account_erasure_check(user=user)
    created_at = timezone.now()
    due_on = business_days_after(timezone.localdate(created_at), TERM_BUSINESS_DAYS)
    try:
        with transaction.atomic():
            request = AccountDeletionRequest.objects.create(
                user=user,
                created_at=created_at,
                due_on=due_on,
                extended_due_on=business_days_after(due_on, EXTENSION_BUSINESS_DAYS),
            )
            audit_record(
                actor=user,
                action="deletion_requested",
                target=request,
                data={"due_on": due_on},
            )
    except IntegrityError:
        # Two submissions at once: the unique constraint keeps only one pending request.
        raise _already_requested() from None
    return request


def deletion_request_get(*, actor: User, request_id) -> AccountDeletionRequest:
    require_perm(actor, HANDLE_PERM)
    try:
        return AccountDeletionRequest.objects.select_related("user").get(pk=int(request_id))
    except (AccountDeletionRequest.DoesNotExist, TypeError, ValueError):
        raise field_error(
            "request", _("No encontramos esa solicitud."), CoreErrorCode.NOT_FOUND
        ) from None


def _lock_pending(deletion_request: AccountDeletionRequest) -> AccountDeletionRequest:
    request = AccountDeletionRequest.objects.select_for_update().get(pk=deletion_request.pk)
    if request.status != AccountDeletionRequest.Status.PENDING:
        raise field_error(
            "request",
            _("Esta solicitud ya fue atendida."),
            AccountErrorCode.DELETION_REQUEST_NOT_PENDING,
        )
    return request


def deletion_request_carry_out(
    *, deletion_request: AccountDeletionRequest, actor: User
) -> AccountDeletionRequest:
    """Anonymise the requester's account and close the request; staff only. A refusal (the
    person is still the only owner of an active business) leaves everything as it was."""
    require_perm(actor, HANDLE_PERM)
    with transaction.atomic():
        request = _lock_pending(deletion_request)
        account_anonymise(user=request.user, actor=actor)
        request.status = AccountDeletionRequest.Status.DONE
        request.handled_at = timezone.now()
        request.handled_by = actor
        request.save(update_fields=["status", "handled_at", "handled_by"])
        audit_record(
            actor=actor,
            action="deletion_request_done",
            target=request,
            data={"on_time": timezone.localdate(request.handled_at) <= request.due_on},
        )
    return request


def deletion_request_can_extend(*, request: AccountDeletionRequest, today: date) -> bool:
    """Once, and while the original term still runs (its last day included): the law lets the
    programme extend a term it has not yet missed."""
    return (
        request.status == AccountDeletionRequest.Status.PENDING
        and request.extended_at is None
        and today <= request.due_on
    )


def deletion_request_extend(
    *,
    deletion_request: AccountDeletionRequest,
    actor: User,
    reason: str,
    today: date | None = None,
) -> AccountDeletionRequest:
    """Extend the term by EXTENSION_BUSINESS_DAYS, once, before it runs out; staff only. The
    person is emailed the reason and the new date (art. 15: "los motivos de la demora")."""
    require_perm(actor, HANDLE_PERM)
    reason = (reason or "").strip()
    if not reason:
        raise field_error(
            "reason",
            _("Escribe el motivo de la prórroga: la ley exige explicárselo a la persona."),
            AccountErrorCode.REASON_REQUIRED,
        )
    today = today or timezone.localdate()
    with transaction.atomic():
        request = _lock_pending(deletion_request)
        if request.extended_at is not None:
            raise field_error(
                "request",
                _(
                    "El plazo de esta solicitud ya se prorrogó: la ley permite hacerlo una sola vez."
                ),
                AccountErrorCode.DELETION_ALREADY_EXTENDED,
            )
        if today > request.due_on:
            raise field_error(
                "request",
                _("El plazo ya venció: solo se puede prorrogar antes de que termine."),
                AccountErrorCode.DELETION_TERM_EXPIRED,
            )
        request.original_due_on = request.due_on
        request.due_on = request.extended_due_on = business_days_after(
            request.due_on, EXTENSION_BUSINESS_DAYS
        )
        request.extended_at = timezone.now()
        request.extended_by = actor
        request.extension_reason = reason
        request.save(
            update_fields=[
                "original_due_on",
                "due_on",
                "extended_due_on",
                "extended_at",
                "extended_by",
                "extension_reason",
            ]
        )
        audit_record(
            actor=actor,
            action="deletion_request_extended",
            target=request,
            data={"from": request.original_due_on, "to": request.due_on, "reason": reason},
        )
        publish(DeletionRequestExtended(request_id=request.pk))
    return request
