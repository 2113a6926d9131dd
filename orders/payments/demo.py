"""Demo payments, made by the demo orders through the test gateway exactly as a buyer's would:
the buyer's decision on the simulated page, then the provider's state applied at once (the
signed event also waits in the inbox and changes nothing more when it is processed)."""

from ..models import Order, VendorOrder
from .gateways import gateways_for_amount
from .gateways.simulated import Decision, SimulatedGateway
from .models import Payment
from .services import payment_refresh, payment_simulate, payment_start
from .subscribers import refund_for_cancelled_part

GATEWAY = SimulatedGateway.name


def demo_payments_possible(order: Order) -> bool:
    return GATEWAY in gateways_for_amount(order.total)


def demo_start(order: Order) -> Payment:
    return payment_start(order=order, gateway=GATEWAY)


def demo_decide(payment: Payment, decision: str) -> Payment:
    payment = payment_simulate(payment=payment, decision=decision)
    return payment_refresh(payment=payment)


def demo_pay(order: Order, decision: str = Decision.APPROVE) -> Payment:
    return demo_decide(demo_start(order), decision)


def demo_refund_cancelled(vendor_order: VendorOrder) -> None:
    """What the cancellation's handler does after commit, done now so the demo is the same
    whether or not the outbox has run; the handler finds the refund already there."""
    refund_for_cancelled_part(vendor_order)
