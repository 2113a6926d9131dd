"""Every handler the project subscribes is idempotent: delivered twice, it leaves the state it
left when delivered once. A new event type needs a sample here (the first test fails until it
has one), so no handler joins the outbox without this check."""

import pytest

from catalog.events import CategoryRenamed, ProductChanged, ProductsChanged
from marketplace.core import outbox
from marketplace.core.attempts import Outcome
from marketplace.core.events import publish, subscriptions
from marketplace.core.models import OutboxDelivery, OutgoingEmail, WorkStatus
from search.backends import database_backend
from tests.factories import ProductFactory
from vendors.events import VendorActivated, VendorProfileChanged, VendorSuspended

SAMPLES = {
    ProductChanged: lambda product: ProductChanged(product_id=product.pk),
    ProductsChanged: lambda product: ProductsChanged(product_ids=(product.pk,)),
    CategoryRenamed: lambda product: CategoryRenamed(category_id=product.category_id),
    VendorActivated: lambda product: VendorActivated(vendor_id=product.vendor_id),
    VendorSuspended: lambda product: VendorSuspended(vendor_id=product.vendor_id, reason="x"),
    VendorProfileChanged: lambda product: VendorProfileChanged(vendor_id=product.vendor_id),
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
    return database_backend().fingerprints(), OutgoingEmail.objects.count()


@pytest.mark.parametrize(
    ("event_type", "handler"),
    [(t, name) for t, names in project_subscriptions().items() for name in names],
    ids=lambda value: getattr(value, "name", value),
)
def test_each_handler_delivered_twice_has_the_effect_of_once(
    transactional_db, reference_data, event_type, handler
):
    product = ProductFactory()
    publish(SAMPLES[event_type](product))
    delivery = OutboxDelivery.objects.get(handler=handler, event__name=event_type.name)
    assert delivery.status == WorkStatus.DONE
    once = _state()
    # A redelivery: the broker handed the message out again after the first run.
    OutboxDelivery.objects.filter(pk=delivery.pk).update(status=WorkStatus.PENDING)
    assert outbox.deliver(delivery.pk) == Outcome.DONE
    assert _state() == once
