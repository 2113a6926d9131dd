"""Placing an order: checkout_complete turns a ready checkout into one Order with a VendorOrder
per business, in one transaction that also allocates the stock.

- Race-free stock: catalog.services.stock.stock_allocate takes units with a conditional UPDATE,
  so concurrent buyers of the last units get exactly what exists; any refusal rolls back.
- Idempotent: the cart row is locked first and the order remembers the cart token it came from,
  so completing the same checkout twice (one after the other, or at once) gives one order. The
  cart then gets a new token and loses its lines and details, ready for the next purchase.
- Snapshots: names, prices, IVA rates and the seller's legal details are copied, so later
  catalogue or profile edits never change a placed order."""

import uuid
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.services.stock import stock_allocate
from marketplace.core.audit import audit_record
from marketplace.core.db_retry import retry_on_conflict
from marketplace.core.errors import field_error
from marketplace.core.events import publish
from marketplace.core.money import vat_contained

from ..error_codes import CheckoutErrorCode
from ..events import OrderPlaced
from ..labels import variant_display_name
from ..models import Cart, CartLine, CheckoutDetails, Order, OrderLine, VendorOrder
from ..selectors.checkout import CheckoutSummary, checkout_summary
from ..totals import vat_rate_for


def _problems_error(summary: CheckoutSummary) -> ValidationError:
    errors: dict[str, list] = {}
    for problem in summary.problems:
        errors.setdefault(problem.field or "checkout", []).append(
            ValidationError(problem.message, code=problem.code)
        )
    return ValidationError(errors)


def _existing(token, user) -> Order | None:
    order = Order.objects.filter(checkout_token=token).first()
    if (
        order is not None
        and order.user_id is not None
        and getattr(user, "pk", None) != order.user_id
    ):
        raise PermissionDenied(_("Esta compra no es tuya."))
    return order


def checkout_complete(*, token, user=None) -> Order:
    """Place the order of the checkout with this (cart) token. Returns the order already
    placed from it when there is one."""
    try:
        return _complete(token, user)
    except IntegrityError:
        # Another completion of the same checkout committed first (unique checkout_token).
        existing = _existing(token, user)
        if existing is None:
            raise
        return existing


@retry_on_conflict
@transaction.atomic
def _complete(token, user) -> Order:
    cart = Cart.objects.select_for_update().filter(token=token).first()
    existing = _existing(token, user)
    if existing is not None:
        return existing
    if cart is None or (cart.user_id is not None and getattr(user, "pk", None) != cart.user_id):
        raise field_error("token", _("No encontramos esa compra."), CheckoutErrorCode.NOT_FOUND)
    summary = checkout_summary(cart)
    if not summary.is_ready:
        raise _problems_error(summary)
    details = summary.details
    lines = [line for group in summary.summary.groups for line in group.lines]
    stock_allocate(
        lines=[(line.variant.pk, line.quantity) for line in lines if line.variant.track_inventory]
    )
    order = _create_order(cart, details, summary, user)
    audit_record(
        actor=user,
        action="order.placed",
        target=order,
        data={"number": order.number, "total": order.total, "vendors": len(summary.parts)},
    )
    publish(OrderPlaced(order_id=order.pk))
    # The cart starts afresh: a new token (the old one now names the order), no lines.
    CartLine.objects.filter(cart=cart).delete()
    CheckoutDetails.objects.filter(cart=cart).delete()
    Cart.objects.filter(pk=cart.pk).update(token=uuid.uuid4(), updated_at=timezone.now())
    return order


def _create_order(cart: Cart, details: CheckoutDetails, summary: CheckoutSummary, user) -> Order:
    now = timezone.now()
    totals = summary.totals
    municipality = details.municipality
    order = Order.objects.create(
        checkout_token=cart.token,
        user=user if user is not None and user.is_authenticated else None,
        email=details.email,
        first_name=details.first_name,
        last_name=details.last_name,
        phone=details.phone,
        document_type=details.document_type,
        document_number=details.document_number,
        municipality=municipality,
        municipality_name=municipality.name,
        department_name=municipality.department,
        street_address=details.street_address,
        address_details=details.address_details,
        postal_code=details.postal_code,
        privacy_policy_version=details.privacy_policy_version,
        privacy_accepted_at=details.privacy_accepted_at,
        terms_accepted_at=details.terms_accepted_at,
        subtotal=totals.subtotal,
        delivery_total=totals.delivery_total,
        total=totals.total,
        vat_breakdown=[line.as_json() for line in totals.vat],
        expires_at=now + timedelta(minutes=settings.ORDER_PAYMENT_TIMEOUT_MINUTES),
    )
    order.number = f"TV-{order.pk:06d}"
    order.save(update_fields=["number"])
    appointments = details.appointment_dates or {}
    order_lines = []
    for part in summary.parts:
        vendor = part.vendor
        enrollment = vendor.enrollment
        vendor_totals = totals.for_vendor(vendor.pk)
        vendor_order = VendorOrder.objects.create(
            order=order,
            vendor=vendor,
            delivery_method=part.chosen,
            delivery_fee=vendor_totals.delivery_fee,
            subtotal=vendor_totals.subtotal,
            total=vendor_totals.total,
            vat_breakdown=[line.as_json() for line in vendor_totals.vat],
            seller_name=vendor.display_name,
            seller_legal_name=enrollment.legal_name,
            seller_nit=enrollment.nit,
            seller_vat_responsible=vendor.vat_responsible,
            seller_notice_address=vendor.notice_address,
            seller_notice_phone=vendor.notice_phone,
            seller_notice_email=vendor.notice_email,
            seller_pickup_address=vendor.public_address,
        )
        for line in part.group.lines:
            product, variant = line.product, line.variant
            rate = vat_rate_for(tax_class=product.tax_class, vat_responsible=vendor.vat_responsible)
            appointment = appointments.get(str(variant.pk))
            order_lines.append(
                OrderLine(
                    vendor_order=vendor_order,
                    variant=variant,
                    product_name=product.name,
                    variant_name=variant_display_name(variant),
                    sku=variant.sku,
                    kind=product.kind,
                    quantity=line.quantity,
                    unit_price=line.unit_price,
                    line_total=line.line_total,
                    tax_class=product.tax_class,
                    vat_rate=rate,
                    vat_amount=_line_vat(line.line_total, rate),
                    retracto_exclusion=product.retracto_exclusion,
                    track_inventory=variant.track_inventory,
                    appointment_date=date.fromisoformat(appointment) if appointment else None,
                )
            )
    OrderLine.objects.bulk_create(order_lines)
    return order


def _line_vat(gross: int, rate: int | None) -> int:
    return vat_contained(gross, rate) if rate else 0
