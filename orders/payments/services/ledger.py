"""The payment ledger: starting a payment and following what the provider says about it.

The ledger never trusts an event's body for state: every event (and every reconciliation) is
answered by re-reading the payment from the provider, and the re-read state is applied under a
row lock with the rules below, so duplicates, retries and out-of-order events all end in the
provider's current state, once. An approved payment pays its order only when the amount and the
currency match it exactly; otherwise, or when the order can no longer be paid, it is flagged for
staff.
"""

import logging
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.core.audit import audit_record
from marketplace.core.db_retry import retry_on_conflict
from marketplace.core.errors import field_error
from marketplace.core.events import publish
from marketplace.core.inbox import inbox_receive
from marketplace.core.metrics import PAYMENTS

from ...models import Order
from ...services.lifecycle import order_mark_paid
from ..error_codes import PaymentErrorCode
from ..events import PaymentFailed
from ..gateways import enabled_gateways, gateway_accepts, get_gateway
from ..gateways.base import GatewayError, PaymentRequest, ProviderState
from ..models import Payment, PaymentStatus

logger = logging.getLogger(__name__)

P = PaymentStatus
FINAL = {P.APPROVED, P.DECLINED, P.VOIDED, P.ERROR}
# Which status may follow which. A declined Stripe intent may still succeed with another card;
# an approved payment only ever becomes voided (refunds are their own rows).
_ALLOWED = {
    P.PENDING: {P.APPROVED, P.DECLINED, P.VOIDED, P.ERROR},
    P.DECLINED: {P.APPROVED},
    P.ERROR: {P.APPROVED},
    P.APPROVED: {P.VOIDED},
    P.VOIDED: set(),
}


def _unavailable() -> Exception:
    return field_error(
        "gateway",
        _(
            "La pasarela de pago no responde en este momento. Tu pedido sigue reservado: "
            "intenta de nuevo en unos minutos."
        ),
        PaymentErrorCode.GATEWAY_UNAVAILABLE,
    )


def _request(payment: Payment, order: Order) -> PaymentRequest:
    return_url = settings.SITE_URL.rstrip("/") + reverse("payments:return", args=[payment.token])
    return PaymentRequest(
        reference=payment.reference,
        amount=payment.amount,
        currency=payment.currency,
        idempotency_key=f"payment-{payment.reference}",
        buyer_email=order.email,
        buyer_name=order.buyer_name,
        buyer_phone=order.phone,
        buyer_document_type=order.document_type,
        buyer_document_number=order.document_number,
        return_url=return_url,
        description=f"Tienda Virtual {order.number}",
    )


@transaction.atomic
def _open_payment(order: Order, gateway: str) -> Payment:
    """The order's open payment through `gateway`, or a new one. The order row is locked, so a
    doubled start (two tabs, a retried request) gets one payment."""
    locked = Order.objects.select_for_update().get(pk=order.pk)
    if locked.status != Order.Status.AWAITING_PAYMENT:
        raise field_error(
            "order",
            _("Este pedido ya no espera un pago."),
            PaymentErrorCode.ORDER_NOT_PAYABLE,
        )
    existing = (
        Payment.objects.filter(order=locked, gateway=gateway, status=P.PENDING, amount=locked.total)
        .order_by("-id")
        .first()
    )
    if existing is not None:
        return existing
    attempt = Payment.objects.filter(order=locked).count() + 1
    payment = Payment.objects.create(
        order=locked,
        gateway=gateway,
        reference=f"{locked.number}-{attempt}",
        amount=locked.total,
        currency="COP",
    )
    audit_record(
        actor=None,
        action="payment.started",
        target=locked,
        data={"reference": payment.reference, "gateway": gateway, "amount": payment.amount},
    )
    return payment


def payment_start(*, order: Order, gateway: str) -> Payment:
    """Start (or resume) paying `order` through `gateway` and store what the buyer must do next.
    The provider is called outside any transaction; when it is down the payment stays pending
    without an action, the order keeps waiting, and the same call can be repeated."""
    if gateway not in enabled_gateways():
        raise field_error(
            "gateway",
            _("Ese medio de pago no está disponible."),
            PaymentErrorCode.GATEWAY_UNKNOWN,
        )
    if not gateway_accepts(gateway, order.total):
        raise field_error(
            "gateway",
            _("Ese medio de pago no acepta el valor de este pedido."),
            PaymentErrorCode.GATEWAY_NOT_OFFERED,
        )
    payment = _open_payment(order, gateway)
    if payment.action_type:
        return payment
    try:
        started = get_gateway(gateway).start(_request(payment, order))
    except GatewayError:
        logger.warning("Gateway %s could not start %s", gateway, payment.reference, exc_info=True)
        raise _unavailable() from None
    Payment.objects.filter(pk=payment.pk).update(
        action_type=str(started.action.type),
        action_url=started.action.url,
        client_secret=started.action.client_secret,
        provider_reference=started.provider_reference or payment.provider_reference,
        updated_at=timezone.now(),
    )
    payment.refresh_from_db()
    return payment


def _mismatch(payment: Payment, state: ProviderState) -> str:
    if state.currency.upper() != payment.currency:
        return f"currency {state.currency or '?'} instead of {payment.currency}"
    if not state.amount_exact or state.amount != payment.amount:
        return f"amount {state.amount} instead of {payment.amount}"
    if state.reference and state.reference != payment.reference:
        return f"reference {state.reference} instead of {payment.reference}"
    return ""


def _flag(payment: Payment, reason: str) -> None:
    Payment.objects.filter(pk=payment.pk).update(flagged=True, flag_reason=reason[:255])
    audit_record(
        actor=None,
        action="payment.flagged",
        target=payment.order,
        data={"reference": payment.reference, "reason": reason},
    )


def _pay_order(payment: Payment) -> None:
    order = Order.objects.select_for_update().get(pk=payment.order_id)
    if order.status == Order.Status.AWAITING_PAYMENT:
        order_mark_paid(order=order, reference=payment.reference)
        return
    if order.status in (Order.Status.PAID, Order.Status.COMPLETED):
        if order.payment_reference != payment.reference:
            _flag(payment, "order already paid by another payment: refund this one")
        return
    _flag(payment, f"approved after the order was {order.status}: refund it")


@retry_on_conflict
@transaction.atomic
def payment_apply_state(*, payment: Payment, state: ProviderState) -> Payment:
    """Apply the provider's current state to the ledger (idempotent)."""
    locked = Payment.objects.select_for_update().get(pk=payment.pk)
    now = timezone.now()
    target = P(str(state.status))
    changes: dict[str, Any] = {"checked_at": now}
    if state.provider_reference and not locked.provider_reference:
        changes["provider_reference"] = state.provider_reference
    if state.method and not locked.method:
        changes["method"] = state.method[:30]
    moved = target != locked.status and target in _ALLOWED[P(locked.status)]
    if moved:
        changes["status"] = target
        if target in FINAL:
            changes["finalized_at"] = now
    mismatch = _mismatch(locked, state) if target == P.APPROVED else ""
    if mismatch:
        changes.update(provider_amount=state.amount, provider_currency=state.currency[:3])
    Payment.objects.filter(pk=locked.pk).update(**changes)
    locked.refresh_from_db()
    if not moved:
        return locked
    gateway = locked.gateway
    transaction.on_commit(lambda: PAYMENTS.labels(gateway, str(target)).inc())
    if target == P.APPROVED and not mismatch:
        # Order and stock rows are locked before the audit chain's lock (taken by audit_record),
        # the order every transaction follows: checkout holds stock rows and then appends to
        # the audit log, so taking them the other way round here could deadlock with it.
        _pay_order(locked)
    audit_record(
        actor=None,
        action=f"payment.{target}",
        target=locked.order,
        data={"reference": locked.reference, "gateway": locked.gateway, "amount": state.amount},
    )
    if mismatch:
        _flag(locked, mismatch)
    elif target in (P.DECLINED, P.ERROR):
        publish(PaymentFailed(payment_id=locked.pk, order_id=locked.order_id, status=str(target)))
    locked.refresh_from_db()
    return locked


def _find(gateway: str, provider_reference: str, reference: str) -> Payment | None:
    payments = Payment.objects.filter(gateway=gateway)
    if provider_reference:
        found = payments.filter(provider_reference=provider_reference).first()
        if found is not None:
            return found
    if reference:
        return payments.filter(reference=reference).first()
    return None


def payment_apply_event(*, gateway: str, event: Mapping[str, Any]) -> Payment | None:
    """Handle a verified, stored provider event: find its payment, re-read it from the provider
    and apply that. An event about an unknown payment changes nothing (the inbox keeps it). A
    provider that does not answer raises, so the inbox retries later."""
    gw = get_gateway(gateway)
    ref = gw.event_ref(event)
    payment = _find(gateway, ref.provider_reference, ref.reference)
    if payment is None:
        logger.info("%s event %s concerns no known payment", gateway, ref.event_id)
        return None
    return payment_refresh(payment=payment, provider_reference=ref.provider_reference)


def payment_refresh(*, payment: Payment, provider_reference: str = "") -> Payment:
    """Re-read one payment from its provider and apply what it says. Raises GatewayError when
    the provider does not answer."""
    state = get_gateway(payment.gateway).fetch(
        provider_reference=provider_reference or payment.provider_reference,
        reference=payment.reference,
    )
    if state is None:
        Payment.objects.filter(pk=payment.pk).update(checked_at=timezone.now())
        return payment
    if state.reference and state.reference != payment.reference:
        logger.warning("%s says %s belongs to %s", payment.gateway, payment, state.reference)
        return payment
    return payment_apply_state(payment=payment, state=state)


def payment_simulate(*, payment: Payment, decision: str) -> Payment:
    """The buyer's choice on the test gateway's page. The simulated provider signs an event
    that goes through the webhook inbox like any real gateway's."""
    from ..gateways.simulated import SimulatedGateway
    from ..webhooks import provider_for

    if payment.gateway != SimulatedGateway.name:
        raise field_error("payment", _("Este pago no es de prueba."), PaymentErrorCode.INVALID)
    body, headers = SimulatedGateway().decide(reference=payment.reference, decision=decision)
    inbox_receive(provider=provider_for(SimulatedGateway.name), body=body, headers=headers)
    payment.refresh_from_db()
    return payment
