"""Events payments publish (marketplace.core.events.publish, delivered after commit). An approved
payment needs none of its own: it pays the order, and the order's event tells the buyer."""

from dataclasses import dataclass

from marketplace.core.events import DomainEvent


@dataclass(frozen=True, kw_only=True)
class PaymentFailed(DomainEvent):
    """The provider declined the payment or failed to process it."""

    name = "payments.payment_failed"
    payment_id: int
    order_id: int
    status: str


@dataclass(frozen=True, kw_only=True)
class RefundCompleted(DomainEvent):
    """Money went back to the buyer: through the gateway, or by staff who marked it done."""

    name = "payments.refund_completed"
    refund_id: int
    order_id: int
