"""Builders shared by the cart tests."""

from orders.models import Cart
from tests.pages_catalog.support import listing
from tests.pages_vendors.support import storefront_vendor  # noqa: F401 (re-exported)


def goods(vendor, name="Arepa de chócolo", *, price=4_500, stock=10, allocated=0, **kwargs):
    """A published good with one variant; returns the variant."""
    product = listing(vendor, name, price=price, stock=stock, **kwargs)
    variant = product.variants.get()
    if allocated:
        variant.allocated_quantity = allocated
        variant.save(update_fields=["allocated_quantity"])
    return variant


def service(vendor, name="Diseño de logo", *, pricing_mode="fixed", price=350_000):
    product = listing(
        vendor,
        name,
        kind="service",
        pricing_mode=pricing_mode,
        category="diseno-grafico",
        variants=[{"price": price, "track_inventory": False, "stock_quantity": 0}],
    )
    return product.variants.get()


def user_cart(user) -> Cart:
    return Cart.objects.get_or_create(user=user)[0]
