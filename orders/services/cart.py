"""Cart writes, request-free: each takes a cart (found by its token or its owner) and checks
the catalogue's purchase strategy against the variant as it is now (a price, a publication or
the stock may have changed since the page was shown), storing nothing when it refuses."""

from django.db import transaction
from django.utils import timezone

from catalog.models import ProductVariant
from catalog.purchase import purchase_check, units_available

from ..models import Cart, CartLine
from ..rules import MAX_QUANTITY, quantity_clean
from ..selectors import cart_get_anonymous


def _lock(cart: Cart) -> Cart:
    # Serialises concurrent writes to one cart (two tabs adding at once) on PostgreSQL.
    return Cart.objects.select_for_update().get(pk=cart.pk)


def _touch(cart: Cart) -> None:
    Cart.objects.filter(pk=cart.pk).update(updated_at=timezone.now())


@transaction.atomic
def cart_get_or_create_for_user(*, user) -> Cart:
    cart, _created = Cart.objects.get_or_create(user=user)
    return cart


@transaction.atomic
def cart_create(*, user=None, token=None) -> Cart:
    """A new cart; a signed-in user's existing cart is returned instead (one per user), and so
    is the anonymous cart that already has `token` (concurrent creations meet on its unique
    index)."""
    if user is not None and user.is_authenticated:
        return cart_get_or_create_for_user(user=user)
    if token is not None:
        cart, _created = Cart.objects.get_or_create(token=token)
        if cart.user_id is None:
            return cart
    return Cart.objects.create()


@transaction.atomic
def cart_add(*, cart: Cart, variant: ProductVariant, quantity) -> CartLine:
    """Add `quantity` units of `variant`; a variant already in the cart gets them added to its
    line."""
    quantity = quantity_clean(quantity)
    cart = _lock(cart)
    line = CartLine.objects.filter(cart=cart, variant_id=variant.pk).first()
    in_cart = line.quantity if line is not None else 0
    total = in_cart + quantity
    if total > MAX_QUANTITY:
        # The same refusal as asking for too many at once, said with what is already there.
        quantity_clean(total)
    info = purchase_check(variant=variant, quantity=total, in_cart=in_cart)
    if line is None:
        line = CartLine.objects.create(
            cart=cart, variant=variant, quantity=total, price_seen=info.price
        )
    else:
        line.quantity, line.price_seen = total, info.price
        line.save(update_fields=["quantity", "price_seen"])
    _touch(cart)
    return line


@transaction.atomic
def cart_set_quantity(*, line: CartLine, quantity) -> CartLine | None:
    """Set a line's quantity; 0 removes the line (and returns None)."""
    quantity = quantity_clean(quantity, allow_zero=True)
    if quantity == 0:
        cart_remove(line=line)
        return None
    _lock(line.cart)
    info = purchase_check(variant=line.variant, quantity=quantity)
    # A line removed meanwhile (another tab) is not brought back: an update of no row.
    if not CartLine.objects.filter(pk=line.pk).update(quantity=quantity, price_seen=info.price):
        return None
    line.quantity, line.price_seen = quantity, info.price
    _touch(line.cart)
    return line


@transaction.atomic
def cart_remove(*, line: CartLine) -> None:
    """Always allowed, whatever became of the product."""
    CartLine.objects.filter(pk=line.pk).delete()
    _touch(line.cart)


@transaction.atomic
def cart_merge(*, anon: Cart, user_cart: Cart) -> Cart:
    """Move an anonymous cart's lines into the user's and delete it. A variant in both gets the
    quantities added, up to MAX_QUANTITY and to the stock on hand, but never below what either
    cart already held: signing in must not fail or quietly drop what the shopper chose (a line
    that no longer fits is flagged by the cart summary)."""
    if anon.pk == user_cart.pk:
        return user_cart
    user_cart = _lock(user_cart)
    existing = {
        line.variant_id: line
        for line in CartLine.objects.filter(cart=user_cart).select_related("variant")
    }
    for line in CartLine.objects.filter(cart=anon).select_related("variant").order_by("pk"):
        mine = existing.get(line.variant_id)
        if mine is None:
            CartLine.objects.filter(pk=line.pk).update(cart=user_cart)
            continue
        merged = min(mine.quantity + line.quantity, MAX_QUANTITY)
        available = units_available(line.variant)
        if available is not None:
            merged = min(merged, max(available, mine.quantity, line.quantity))
        if merged != mine.quantity:
            mine.quantity = merged
            mine.save(update_fields=["quantity"])
    anon.delete()
    _touch(user_cart)
    return user_cart


def cart_merge_anonymous_into_user(*, token, user) -> Cart | None:
    """At sign-in: the visitor's anonymous cart (by its token) becomes part of the user's."""
    anon = cart_get_anonymous(token=token)
    if anon is None:
        return None
    with transaction.atomic():
        if not anon.lines.exists():
            anon.delete()
            return None
        return cart_merge(anon=anon, user_cart=cart_get_or_create_for_user(user=user))
