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


BUYER = {
    "email": "compradora@example.com",
    "first_name": "Luz Marina",
    "last_name": "Restrepo",
    "phone": "300 123 4567",
    "document_type": "CC",
    "document_number": "43123456",
    "municipality": "05001",
    "street_address": "Calle 10 # 43-25",
    "address_details": "Apto 301, Edificio Los Almendros",
    "accept_privacy_policy": True,
    "accept_terms": True,
}


def cart_with(*lines, user=None) -> Cart:
    """A cart holding (variant, quantity) lines, added through the cart service."""
    from orders.services.cart import cart_add, cart_create

    cart = cart_create(user=user)
    for variant, quantity in lines:
        cart_add(cart=cart, variant=variant, quantity=quantity)
    return cart


def ready_checkout(cart: Cart, *, method="delivery", **overrides) -> Cart:
    """Fill in the buyer's details and choose `method` for every business in the cart."""
    from orders.services.checkout import checkout_update

    vendor_ids = {line.variant.vendor_id for line in cart.lines.select_related("variant")}
    for vendor_id in vendor_ids:
        from vendors.models import Vendor

        Vendor.objects.filter(pk=vendor_id).update(offers_pickup=True, offers_delivery=True)
    values = BUYER | {"delivery_choices": {str(pk): method for pk in vendor_ids}} | overrides
    checkout_update(cart=cart, values=values)
    return cart
