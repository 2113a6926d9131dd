"""Cart writes. Each checks the rules in orders.rules against the variant as it is now (a
price, a publication or the stock may have changed since the page was shown) and stores
nothing when it refuses."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from catalog.models import ProductVariant

from ..models import Cart, CartLine
from ..rules import MAX_QUANTITY, line_problem, quantity_clean
from ..selectors import (
    CART_SESSION_KEY,
    cart_get_anonymous,
    cart_get_for_request,
    session_cart_token,
    visible_product_ids,
)


def _fresh(variant: ProductVariant) -> ProductVariant:
    return ProductVariant.objects.select_related("product").get(pk=variant.pk)


def _check(variant: ProductVariant, quantity: int, *, in_cart: int = 0) -> None:
    visible = variant.product_id in visible_product_ids(product_ids=[variant.product_id])
    problem = line_problem(variant=variant, visible=visible, quantity=quantity, in_cart=in_cart)
    if problem is not None:
        raise problem


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
def cart_get_or_create_for_request(request) -> Cart:
    """The requester's cart, created on first use. An anonymous visitor's cart is remembered by
    a random token in their session."""
    cart = cart_get_for_request(request)
    if cart is not None:
        return cart
    if request.user.is_authenticated:
        return cart_get_or_create_for_user(user=request.user)
    cart = Cart.objects.create()
    request.session[CART_SESSION_KEY] = str(cart.token)
    return cart


def cart_add_for_request(request, *, variant: ProductVariant, quantity) -> CartLine:
    """cart_add on the requester's cart, which is created with the line and not without it."""
    had_token = CART_SESSION_KEY in request.session
    try:
        with transaction.atomic():
            cart = cart_get_or_create_for_request(request)
            return cart_add(cart=cart, variant=variant, quantity=quantity)
    except ValidationError:
        if not had_token:
            request.session.pop(CART_SESSION_KEY, None)
        raise


@transaction.atomic
def cart_add(*, cart: Cart, variant: ProductVariant, quantity) -> CartLine:
    """Add `quantity` units of `variant`; a variant already in the cart gets them added to its
    line."""
    quantity = quantity_clean(quantity)
    cart = _lock(cart)
    variant = _fresh(variant)
    line = CartLine.objects.filter(cart=cart, variant=variant).first()
    in_cart = line.quantity if line is not None else 0
    total = in_cart + quantity
    if total > MAX_QUANTITY:
        # The same refusal as asking for too many at once, said with what is already there.
        quantity_clean(total)
    _check(variant, total, in_cart=in_cart)
    if line is None:
        line = CartLine.objects.create(cart=cart, variant=variant, quantity=total)
    else:
        line.quantity = total
        line.save(update_fields=["quantity"])
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
    variant = _fresh(line.variant)
    _check(variant, quantity)
    # A line removed meanwhile (another tab) is not brought back: an update of no row.
    if not CartLine.objects.filter(pk=line.pk).update(quantity=quantity):
        return None
    line.quantity = quantity
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
        if line.variant.track_inventory:
            merged = min(merged, max(line.variant.quantity_available, mine.quantity, line.quantity))
        if merged != mine.quantity:
            mine.quantity = merged
            mine.save(update_fields=["quantity"])
    anon.delete()
    _touch(user_cart)
    return user_cart


def cart_merge_session_into_user(*, session, user) -> Cart | None:
    """At sign-in: the visitor's anonymous cart becomes part of the user's cart."""
    token = session_cart_token(session)
    if token is None:
        return None
    session.pop(CART_SESSION_KEY, None)
    anon = cart_get_anonymous(token=token)
    if anon is None:
        return None
    with transaction.atomic():
        if not anon.lines.exists():
            anon.delete()
            return None
        return cart_merge(anon=anon, user_cart=cart_get_or_create_for_user(user=user))
