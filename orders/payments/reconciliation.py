"""Reconciliation: re-read pending and recently changed payments from their gateways, apply any
event that never arrived, retry refunds left pending, and report where the ledger and the
provider disagree. Every step is the idempotent ledger code, so it is safe at any time and twice
at once (the scheduled job also holds a lease)."""

import logging
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from .gateways import get_gateway
from .gateways.base import GatewayError
from .models import Payment, PaymentStatus, Refund, RefundStatus
from .services.ledger import payment_apply_state
from .services.refunds import refund_execute

logger = logging.getLogger(__name__)


@dataclass
class Report:
    checked: int = 0
    changed: int = 0
    unreachable: int = 0
    refunds_retried: int = 0
    differences: list[str] = field(default_factory=list)

    def __str__(self):
        text = (
            f"{self.checked} payments checked, {self.changed} updated, "
            f"{self.unreachable} unreachable, {self.refunds_retried} refunds retried, "
            f"{len(self.differences)} differences"
        )
        return "\n".join([text, *self.differences])


def _due(now, hours: int):
    since = now - timedelta(hours=hours)
    return (
        Payment.objects.filter(Q(status=PaymentStatus.PENDING) | Q(updated_at__gte=since))
        .filter(created_at__gte=now - timedelta(days=30))
        .exclude(action_type="")
        .select_related("order")
        .order_by("pk")
    )


def reconcile_payments(*, hours: int | None = None) -> Report:
    now = timezone.now()
    report = Report()
    for payment in _due(now, hours or settings.PAYMENT_RECONCILE_HOURS):
        report.checked += 1
        before = (payment.status, payment.flagged)
        try:
            state = get_gateway(payment.gateway).fetch(
                provider_reference=payment.provider_reference, reference=payment.reference
            )
        except (GatewayError, KeyError) as exc:
            report.unreachable += 1
            logger.warning("Reconciliation could not read %s: %s", payment, exc)
            continue
        if state is None:
            if payment.status != PaymentStatus.PENDING:
                report.differences.append(
                    f"{payment.reference}: ledger {payment.status}, unknown to {payment.gateway}"
                )
            continue
        updated = payment_apply_state(payment=payment, state=state)
        if (updated.status, updated.flagged) != before:
            report.changed += 1
            report.differences.append(
                f"{payment.reference}: ledger {before[0]}, provider {state.status} (applied)"
            )
        elif str(state.status) != updated.status:
            report.differences.append(
                f"{payment.reference}: ledger {updated.status}, provider {state.status}"
            )
        if updated.flagged and not before[1]:
            report.differences.append(f"{payment.reference}: flagged ({updated.flag_reason})")
    for refund in Refund.objects.filter(status=RefundStatus.PENDING).order_by("pk"):
        report.refunds_retried += 1
        try:
            refund_execute(refund=refund)
        except GatewayError as exc:
            logger.warning("Refund %s still pending: %s", refund.key, exc)
    return report


def reconcile_job() -> str:
    """The scheduled job (settings.SCHEDULED_JOBS)."""
    return str(reconcile_payments())
