import pytest

from orders.services.placement import checkout_complete
from tests.orders.support import cart_with, ready_checkout

from .fakes import FakeStripe, FakeWompi

WOMPI_EVENTS_SECRET = "test_events_Zx81kQ0e3Yq7"
WOMPI_PRIVATE_KEY = "prv_test_3kF9aL0qWm"
STRIPE_SECRET_KEY = "sk_test_51Fake"
STRIPE_WEBHOOK_SECRET = "whsec_fake_4f1c"


@pytest.fixture
def payment_settings(settings):
    settings.PAYMENT_GATEWAYS = ["test", "wompi", "stripe"]
    settings.SITE_URL = "http://testserver"
    settings.PAYMENT_HTTP_TIMEOUT_SECONDS = 2
    return settings


@pytest.fixture
def wompi(payment_settings):
    fake = FakeWompi(private_key=WOMPI_PRIVATE_KEY, events_secret=WOMPI_EVENTS_SECRET).start()
    payment_settings.WOMPI_PUBLIC_KEY = "pub_test_Q5yDA9xoKdePzhSGeVe9HAez7HgGORGf"
    payment_settings.WOMPI_PRIVATE_KEY = WOMPI_PRIVATE_KEY
    payment_settings.WOMPI_EVENTS_SECRET = WOMPI_EVENTS_SECRET
    payment_settings.WOMPI_INTEGRITY_SECRET = "test_integrity_VMVZhJ3sUu"
    payment_settings.WOMPI_API_URL = f"{fake.url}/v1"
    yield fake
    fake.stop()


@pytest.fixture
def fake_stripe(payment_settings):
    fake = FakeStripe(secret_key=STRIPE_SECRET_KEY, webhook_secret=STRIPE_WEBHOOK_SECRET).start()
    payment_settings.STRIPE_SECRET_KEY = STRIPE_SECRET_KEY
    payment_settings.STRIPE_PUBLISHABLE_KEY = "pk_test_51Fake"
    payment_settings.STRIPE_WEBHOOK_SECRET = STRIPE_WEBHOOK_SECRET
    payment_settings.STRIPE_API_BASE = fake.url
    yield fake
    fake.stop()


@pytest.fixture
def order(arepa, payment_settings):
    """An order awaiting payment: 1 arepa (4.500) + Medellín delivery (4.000) = 8.500."""
    return checkout_complete(token=ready_checkout(cart_with((arepa, 1))).token)


@pytest.fixture
def two_vendor_order(arepa, cafe, payment_settings):
    """17.500 from the arepa shop (3 x 4.500 + 4.000) and 36.000 from the café: 53.500."""
    return checkout_complete(token=ready_checkout(cart_with((arepa, 3), (cafe, 1))).token)


@pytest.fixture
def vendor_member_of(db):
    from tests.factories import VendorMembershipFactory

    def member(vendor):
        return VendorMembershipFactory(vendor=vendor).user

    return member
