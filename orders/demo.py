"""Demo orders: a few buyers' orders across several businesses, one in each state a dashboard
or the console can show (awaiting payment, to fulfil, shipped, ready for pickup, delivered with
a retracto request and a complaint, completed, cancelled by the business, expired). Made through
the same services a buyer, a business and the programme use, paid through the test gateway (the
cancelled part refunded, the expired order paid too late and flagged for staff). Runs once: a
restart adds none."""

from contextlib import suppress
from datetime import timedelta

from django.core.exceptions import ValidationError

from catalog.models import ProductVariant
from marketplace.accounts.models import User
from vendors.models import Vendor, VendorMembership

from .models import Order
from .payments.demo import (
    Decision,
    demo_decide,
    demo_pay,
    demo_payments_possible,
    demo_refund_cancelled,
    demo_start,
)
from .selectors.checkout import checkout_summary
from .services import aftercare, lifecycle
from .services.cart import cart_add, cart_create
from .services.checkout import checkout_update
from .services.placement import checkout_complete

CITIZEN = "ciudadano@example.com"
BUYERS = [
    {
        "email": CITIZEN,
        "first_name": "Camila",
        "last_name": "Restrepo Gómez",
        "phone": "300 555 0101",
        "document_type": "CC",
        "document_number": "1036654321",
        "municipality": "05001",
        "street_address": "Calle 10 # 43-25",
        "address_details": "Apto 502, Edificio Los Almendros, El Poblado",
    },
    {
        "email": "jorge.munoz@example.com",
        "first_name": "Jorge Iván",
        "last_name": "Muñoz",
        "phone": "310 555 0202",
        "document_type": "CC",
        "document_number": "71234567",
        "municipality": "05266",
        "street_address": "Carrera 43A # 38 Sur-15",
        "address_details": "Casa 12, barrio La Magnolia",
    },
    {
        "email": "paola.zapata@example.com",
        "first_name": "Paola Andrea",
        "last_name": "Zapata",
        "phone": "321 555 0303",
        "document_type": "CE",
        "document_number": "E1234567",
        "municipality": "05360",
        "street_address": "Calle 50 # 49-12",
        "address_details": "Local 3",
    },
]
# (buyer, how many businesses, what happens next)
SCENARIOS = [
    (0, 2, "awaiting_payment"),
    (1, 1, "to_fulfil"),
    (2, 2, "to_fulfil"),
    (0, 1, "shipped"),
    (1, 1, "ready_for_pickup"),
    (0, 1, "delivered"),
    (2, 1, "completed"),
    (1, 2, "cancelled_by_vendor"),
    (2, 1, "expired"),
]


def _variants(vendor: Vendor) -> list[ProductVariant]:
    return [
        v
        for v in ProductVariant.objects.filter(
            vendor=vendor, product__status="published", product__kind="goods", price__gt=0
        ).order_by("pk")[:5]
        if v.quantity_available >= 3
    ]


def _place(buyer: dict, vendors: list[Vendor], user, method: str | None = None) -> Order | None:
    cart = cart_create()
    for vendor in vendors:
        variants = _variants(vendor)
        if not variants:
            return None
        cart_add(cart=cart, variant=variants[0], quantity=1)
    # The buyer's municipality first: it decides which deliveries each business offers.
    checkout_update(cart=cart, values=buyer | {"accept_privacy_policy": True, "accept_terms": True})
    choices = {}
    for part in checkout_summary(cart).parts:
        available = [o.method for o in part.options if o.available]
        if not available:
            return None
        choices[str(part.vendor.pk)] = method if method in available else available[0]
    checkout_update(cart=cart, values={"delivery_choices": choices})
    return checkout_complete(token=cart.token, user=user)


def _owner(vendor: Vendor):
    return VendorMembership.objects.get(vendor=vendor, role="owner").user


def _pay(order: Order, staff) -> None:
    if demo_payments_possible(order):
        demo_pay(order)
    else:  # the test gateway is switched off: staff record the payment by hand
        lifecycle.order_mark_paid(order=order, by=staff, reference="demo")


def _move(order: Order, outcome: str, staff) -> None:
    online = demo_payments_possible(order)
    if outcome == "expired":
        # The buyer opened the payment page, came back after the order expired and approved:
        # the money arrives for an order that no longer waits, so staff must give it back.
        payment = demo_start(order) if online else None
        lifecycle.order_expire(order=order, now=order.expires_at + timedelta(minutes=1))
        if payment is not None:
            demo_decide(payment, Decision.APPROVE)
        return
    if outcome == "awaiting_payment":
        if online:
            demo_pay(order, decision=Decision.PENDING)  # the bank has not answered yet
        return
    _pay(order, staff)
    for part in order.vendor_orders.select_related("vendor"):
        owner = _owner(part.vendor)
        if outcome == "cancelled_by_vendor":
            lifecycle.vendor_order_cancel(
                vendor_order=part, by=owner, reason="Se nos agotó el lote de esta semana."
            )
            part.refresh_from_db()
            demo_refund_cancelled(part)
            return  # one business cancels its part; the other still has work
        if outcome in ("shipped", "delivered", "completed") and part.delivery_method == "delivery":
            lifecycle.vendor_order_ship(
                vendor_order=part, by=owner, carrier="Servientrega", tracking_code="SG-0042"
            )
        elif outcome in ("ready_for_pickup", "delivered", "completed") and (
            part.delivery_method == "pickup"
        ):
            lifecycle.vendor_order_mark_ready(vendor_order=part, by=owner)
        if outcome in ("delivered", "completed"):
            part.refresh_from_db()
            lifecycle.vendor_order_mark_delivered(vendor_order=part, by=owner)
        if outcome == "delivered":
            part.refresh_from_db()
            with suppress(ValidationError):  # the product may not admit retracto (perishable)
                aftercare.order_retracto_request(vendor_order=part, reason="No era la talla.")
            aftercare.order_complaint_create(
                order=order,
                kind="queja",
                message="El domicilio llegó dos horas tarde y sin avisar.",
                vendor_order=part,
            )


def seed(log) -> None:
    if Order.objects.filter(email__in=[b["email"] for b in BUYERS]).exists():
        log("orders: demo orders already there")
        return
    staff = User.objects.get(email="coordinacion@example.com")
    citizen = User.objects.filter(email=CITIZEN).first()
    active = Vendor.objects.filter(status=Vendor.Status.ACTIVE).order_by("pk")
    vendors = [vendor for vendor in active if _variants(vendor)]
    placed = 0
    for index, (buyer_index, count, outcome) in enumerate(SCENARIOS):
        buyer = BUYERS[buyer_index]
        method = "pickup" if outcome == "ready_for_pickup" else "delivery"
        user = citizen if buyer["email"] == CITIZEN else None
        # Not every business delivers to every buyer: try the next ones until one can sell.
        for offset in range(0, len(vendors), 3):
            start = index * 3 + offset
            chosen = [vendors[(start + k) % len(vendors)] for k in range(count)]
            order = _place(buyer, chosen, user, method)
            if order is not None:
                _move(order, outcome, staff)
                placed += 1
                break
    log(f"orders: {placed} demo orders")
