"""Every handler the project subscribes is idempotent: delivered twice, it leaves the state it
left when delivered once. A new event type needs a sample here (the first test fails until it
has one), so no handler joins the outbox without this check."""

from functools import cached_property

import pytest
from django.utils import timezone

from catalog.events import CategoryRenamed, ProductChanged, ProductImageStored, ProductsChanged
from catalog.models import ProductImage
from marketplace.accounts.events import DeletionRequestExtended
from marketplace.core import outbox
from marketplace.core.attempts import Outcome
from marketplace.core.events import publish, subscriptions
from marketplace.core.models import OutboxDelivery, OutgoingEmail, WorkStatus
from orders.events import (
    ComplaintCreated,
    OrderPlaced,
    OrderStatusChanged,
    RetractoAccepted,
    RetractoRequested,
    VendorOrderStatusChanged,
)
from orders.payments.events import PaymentFailed, RefundCompleted
from orders.payments.models import Payment, Refund
from search.backends import database_backend
from tests.factories import ProductFactory, UserFactory
from tests.orders.support import cart_with, goods, ready_checkout, storefront_vendor
from vendors.events import VendorActivated, VendorProfileChanged, VendorSuspended


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


class World:
    """What sample events point at: a product, and an order only when an event needs one."""

    @cached_property
    def product(self):
        return ProductFactory()

    @cached_property
    def product_image(self):
        """A photo stored with the upload's widths only, as an upload leaves it."""
        from io import BytesIO

        from django.core.files.uploadedfile import SimpleUploadedFile
        from PIL import Image

        from catalog.services.images import UPLOAD_WIDTHS
        from marketplace.core.images import image_store_renditions

        buffer = BytesIO()
        Image.new("RGB", (400, 300), (180, 120, 60)).save(buffer, "JPEG")
        stored = image_store_renditions(
            SimpleUploadedFile("f.jpg", buffer.getvalue()), prefix="t", widths=UPLOAD_WIDTHS
        )
        return ProductImage.objects.create(product=self.product, alt="x", image=stored.as_json())

    @cached_property
    def order(self):
        from orders.services.placement import checkout_complete

        variant = goods(storefront_vendor(display_name="Arepas", slug="arepas"), stock=5)
        return checkout_complete(token=ready_checkout(cart_with((variant, 1))).token)

    @cached_property
    def part(self):
        return self.order.vendor_orders.get()

    @cached_property
    def payment(self):
        return Payment.objects.create(
            order=self.order, gateway="test", reference="sample-1", amount=self.order.total
        )

    @cached_property
    def refund(self):
        Payment.objects.filter(pk=self.payment.pk).update(status="approved")
        return Refund.objects.create(payment=self.payment, key="sample", amount=1, status="done")

    @cached_property
    def complaint(self):
        from orders.services.aftercare import order_complaint_create

        return order_complaint_create(
            order=self.order, kind="queja", message="Llegó dos días tarde."
        )

    @cached_property
    def deletion_request(self):
        from datetime import date

        from marketplace.accounts.models import AccountDeletionRequest

        return AccountDeletionRequest.objects.create(
            user=UserFactory(),
            due_on=date(2026, 12, 30),
            extended_due_on=date(2027, 1, 12),
            extended_at=timezone.now(),
            extension_reason="Revisamos pedidos que la ley obliga a conservar.",
            original_due_on=date(2026, 12, 18),
        )


def _part_event(w, status):
    return VendorOrderStatusChanged(
        order_id=w.order.pk, vendor_order_id=w.part.pk, vendor_id=w.part.vendor_id, status=status
    )


SAMPLES = {
    ProductChanged: lambda w: ProductChanged(product_id=w.product.pk),
    ProductsChanged: lambda w: ProductsChanged(product_ids=(w.product.pk,)),
    CategoryRenamed: lambda w: CategoryRenamed(category_id=w.product.category_id),
    ProductImageStored: lambda w: ProductImageStored(image_id=w.product_image.pk),
    VendorActivated: lambda w: VendorActivated(vendor_id=w.product.vendor_id),
    VendorSuspended: lambda w: VendorSuspended(vendor_id=w.product.vendor_id, reason="x"),
    VendorProfileChanged: lambda w: VendorProfileChanged(vendor_id=w.product.vendor_id),
    OrderPlaced: lambda w: OrderPlaced(order_id=w.order.pk),
    OrderStatusChanged: lambda w: OrderStatusChanged(order_id=w.order.pk, status="paid"),
    VendorOrderStatusChanged: lambda w: _part_event(w, "to_fulfil"),
    RetractoRequested: lambda w: RetractoRequested(vendor_order_id=w.part.pk),
    RetractoAccepted: lambda w: RetractoAccepted(vendor_order_id=w.part.pk, refund_amount=1),
    ComplaintCreated: lambda w: ComplaintCreated(complaint_id=w.complaint.pk, order_id=w.order.pk),
    PaymentFailed: lambda w: PaymentFailed(
        payment_id=w.payment.pk, order_id=w.order.pk, status="declined"
    ),
    DeletionRequestExtended: lambda w: DeletionRequestExtended(request_id=w.deletion_request.pk),
    RefundCompleted: lambda w: RefundCompleted(refund_id=w.refund.pk, order_id=w.order.pk),
}


def project_subscriptions():
    return {
        event_type: [name for name in names if not name.startswith("tests.")]
        for event_type, names in subscriptions().items()
        if not event_type.name.startswith("tests.")
    }


def test_every_subscribed_event_type_has_a_sample():
    missing = [t.name for t in project_subscriptions() if t not in SAMPLES]
    assert not missing, f"add a sample event to SAMPLES for: {missing}"


def _state():
    return (
        database_backend().fingerprints(),
        OutgoingEmail.objects.count(),
        Refund.objects.count(),
        list(ProductImage.with_staged.values_list("image", flat=True)),
    )


@pytest.mark.parametrize(
    ("event_type", "handler"),
    [(t, name) for t, names in project_subscriptions().items() for name in names],
    ids=lambda value: getattr(value, "name", value),
)
def test_each_handler_delivered_twice_has_the_effect_of_once(
    transactional_db, reference_data, event_type, handler
):
    world = World()
    sample = SAMPLES[event_type](world)
    publish(sample)
    delivery = OutboxDelivery.objects.filter(handler=handler, event__name=event_type.name).latest(
        "pk"
    )
    assert delivery.status == WorkStatus.DONE
    once = _state()
    # A redelivery: the broker handed the message out again after the first run.
    OutboxDelivery.objects.filter(pk=delivery.pk).update(status=WorkStatus.PENDING)
    assert outbox.deliver(delivery.pk) == Outcome.DONE
    assert _state() == once
