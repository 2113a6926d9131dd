"""Who hears about an order, and when: emails to the buyer and to each business, sent by
outbox handlers after the change commits.

Every email carries the idempotency key of (event, recipient), so a handler delivered twice
sends one email. Handlers read the order afresh: the event says what happened, the database
says what the order looks like now."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from marketplace.core.events import subscribe
from marketplace.core.mail import email_send_templated

from .events import (
    ComplaintCreated,
    OrderPlaced,
    OrderStatusChanged,
    RetractoRequested,
    VendorOrderStatusChanged,
)
from .models import Complaint, Order, VendorOrder

# Buyer emails for these vendor-order moves; "to_fulfil" is the business's news, not the buyer's.
BUYER_PART_UPDATES = {"shipped", "ready_for_pickup", "delivered", "cancelled"}
BUYER_ORDER_UPDATES = {"paid", "expired", "cancelled"}


def _order(order_id: int) -> Order | None:
    return (
        Order.objects.filter(pk=order_id)
        .prefetch_related("vendor_orders__lines", "vendor_orders__vendor")
        .first()
    )


def order_url(order: Order) -> str:
    return settings.SITE_URL + reverse("checkout:order", args=[order.token])


def _vendor_recipients(vendor) -> list[str]:
    """The business's notice address, or its owners' when it set none."""
    if vendor.notice_email:
        return [vendor.notice_email]
    owners = vendor.memberships.filter(role="owner").select_related("user")
    return sorted({m.user.email for m in owners if m.user.email})


def send_order_email(event, *, to: str, template: str, context: dict) -> None:
    # Emails are read later, outside any request: they go out in the site's language.
    with translation.override(settings.LANGUAGE_CODE):
        email_send_templated(
            to=to,
            template=f"orders/email/{template}",
            context=context,
            idempotency_key=event.idempotency_key(template, to),
        )


@subscribe(OrderPlaced, name="orders.email_order_placed")
def email_order_placed(event: OrderPlaced) -> None:
    order = _order(event.order_id)
    if order is None:
        return
    send_order_email(
        event,
        to=order.email,
        template="order_placed",
        context={
            "order": order,
            "parts": list(order.vendor_orders.all()),
            "url": order_url(order),
        },
    )


@subscribe(OrderStatusChanged, name="orders.email_order_status")
def email_order_status(event: OrderStatusChanged) -> None:
    if event.status not in BUYER_ORDER_UPDATES:
        return
    order = _order(event.order_id)
    if order is None:
        return
    send_order_email(
        event,
        to=order.email,
        template=f"order_{event.status}",
        context={
            "order": order,
            "parts": list(order.vendor_orders.all()),
            "url": order_url(order),
        },
    )


@subscribe(VendorOrderStatusChanged, name="orders.email_vendor_order_status")
def email_vendor_order_status(event: VendorOrderStatusChanged) -> None:
    part = (
        VendorOrder.objects.filter(pk=event.vendor_order_id)
        .select_related("order", "vendor")
        .prefetch_related("lines")
        .first()
    )
    if part is None:
        return
    context = {"order": part.order, "part": part, "url": order_url(part.order)}
    if event.status == VendorOrder.Status.TO_FULFIL:
        context["dashboard_url"] = settings.SITE_URL + reverse("vendors:dashboard")
        for to in _vendor_recipients(part.vendor):
            send_order_email(event, to=to, template="vendor_new_order", context=context)
    elif event.status in BUYER_PART_UPDATES:
        send_order_email(
            event, to=part.order.email, template=f"part_{event.status}", context=context
        )


@subscribe(RetractoRequested, name="orders.email_retracto_requested")
def email_retracto_requested(event: RetractoRequested) -> None:
    part = VendorOrder.objects.filter(pk=event.vendor_order_id).select_related("order", "vendor")
    part = part.first()
    if part is None:
        return
    context = {"order": part.order, "part": part}
    for to in _vendor_recipients(part.vendor):
        send_order_email(event, to=to, template="vendor_retracto", context=context)


@subscribe(ComplaintCreated, name="orders.email_complaint_created")
def email_complaint_created(event: ComplaintCreated) -> None:
    complaint = (
        Complaint.objects.filter(pk=event.complaint_id)
        .select_related("order", "vendor_order__vendor")
        .first()
    )
    if complaint is None:
        return
    context = {"complaint": complaint, "order": complaint.order}
    send_order_email(
        event, to=complaint.order.email, template="complaint_received", context=context
    )
    if complaint.vendor_order is not None:
        for to in _vendor_recipients(complaint.vendor_order.vendor):
            send_order_email(event, to=to, template="vendor_complaint", context=context)
