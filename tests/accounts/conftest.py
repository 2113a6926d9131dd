import pytest

from catalog.models import QuoteRequest
from orders.services.placement import checkout_complete
from tests.factories import PrivacyConsentFactory
from tests.orders.support import cart_with, goods, ready_checkout, storefront_vendor


@pytest.fixture
def history(citizen):
    """The citizen's consent, a placed order, a cart with a line and a quote request."""
    variant = goods(storefront_vendor(display_name="Arepas Doña Luz"))
    PrivacyConsentFactory(user=citizen, ip_address="203.0.113.7", user_agent="Firefox")
    order = checkout_complete(
        token=ready_checkout(cart_with((variant, 1), user=citizen)).token, user=citizen
    )
    cart_with((variant, 2), user=citizen)
    QuoteRequest.objects.create(
        product=variant.product,
        requester=citizen,
        name="Luz Marina",
        email=citizen.email,
        phone="3001234567",
        message="¿Hacen domicilios a Envigado?",
    )
    return order
