"""Cart reads. A cart is found from the signed-in user or, for an anonymous visitor, from the
random token in their session; a line is only ever looked up inside the cart it belongs to, so
one shopper can never reach another's."""

import uuid
from dataclasses import dataclass, field

from django.db.models import Prefetch, Sum

from catalog.models import ProductImage, ProductVariant
from catalog.selectors import product_list_visible
from marketplace.core.money import format_cop
from vendors.models import Vendor

from .models import Cart, CartLine
from .rules import MAX_QUANTITY, line_problem

CART_SESSION_KEY = "orders.cart_token"


def session_cart_token(session) -> uuid.UUID | None:
    raw = session.get(CART_SESSION_KEY) if session is not None else None
    try:
        return uuid.UUID(str(raw)) if raw else None
    except ValueError:
        return None


def cart_get_for_user(*, user) -> Cart | None:
    if user is None or not user.is_authenticated:
        return None
    return Cart.objects.filter(user=user).first()


def cart_get_anonymous(*, token: uuid.UUID | None) -> Cart | None:
    if token is None:
        return None
    return Cart.objects.filter(token=token, user__isnull=True).first()


def cart_get_for_request(request) -> Cart | None:
    """The cart of whoever makes the request, or None while they have none."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return cart_get_for_user(user=user)
    return cart_get_anonymous(token=session_cart_token(getattr(request, "session", None)))


def cart_line_get(*, cart: Cart | None, line_id) -> CartLine | None:
    """A line of `cart`; None for another cart's line or an id that is not one."""
    if cart is None or not str(line_id).isdigit():
        return None
    return (
        CartLine.objects.select_related("variant__product", "cart")
        .filter(cart=cart, pk=int(line_id))
        .first()
    )


def cart_item_count_for_request(request) -> int:
    """Units in the requester's cart, for the header: one query at most, none for a visitor
    who never added anything."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        lines = CartLine.objects.filter(cart__user=user)
    else:
        token = session_cart_token(getattr(request, "session", None))
        if token is None:
            return 0
        lines = CartLine.objects.filter(cart__token=token, cart__user__isnull=True)
    return lines.aggregate(units=Sum("quantity"))["units"] or 0


def variant_get(*, variant_id) -> ProductVariant | None:
    """A variant by id with its product, whatever its visibility: the cart services decide
    whether it may be bought, so the refusal carries a reason."""
    if not str(variant_id).isdigit() or len(str(variant_id)) > 18:
        return None
    return ProductVariant.objects.select_related("product").filter(pk=int(variant_id)).first()


def visible_product_ids(*, product_ids) -> set[int]:
    """Of `product_ids`, those the public may see and buy from (catalog's visibility rule)."""
    product_ids = list(product_ids)
    if not product_ids:
        return set()
    return set(
        product_list_visible().filter(pk__in=product_ids).order_by().values_list("pk", flat=True)
    )


@dataclass(frozen=True)
class CartLineSummary:
    line: CartLine
    unit_price: int
    line_total: int
    # Why the line cannot be bought as it stands (unpublished, vendor suspended, stock short);
    # such lines stay in the cart, flagged, and out of the totals.
    problem_code: str
    problem_message: str
    image: dict | None
    max_quantity: int

    @property
    def variant(self) -> ProductVariant:
        return self.line.variant

    @property
    def product(self):
        return self.line.variant.product

    @property
    def quantity(self) -> int:
        return self.line.quantity

    @property
    def is_available(self) -> bool:
        return not self.problem_code

    @property
    def unit_price_display(self) -> str:
        return format_cop(self.unit_price)

    @property
    def line_total_display(self) -> str:
        return format_cop(self.line_total)


@dataclass
class CartVendorGroup:
    vendor: Vendor
    lines: list[CartLineSummary] = field(default_factory=list)

    @property
    def subtotal(self) -> int:
        return sum(line.line_total for line in self.lines if line.is_available)

    @property
    def subtotal_display(self) -> str:
        return format_cop(self.subtotal)


@dataclass
class CartSummary:
    cart: Cart | None
    groups: list[CartVendorGroup]

    @property
    def lines(self) -> list[CartLineSummary]:
        return [line for group in self.groups for line in group.lines]

    @property
    def total(self) -> int:
        return sum(group.subtotal for group in self.groups)

    @property
    def total_display(self) -> str:
        return format_cop(self.total)

    @property
    def item_count(self) -> int:
        return sum(line.quantity for line in self.lines)

    @property
    def unavailable_lines(self) -> list[CartLineSummary]:
        return [line for line in self.lines if not line.is_available]

    @property
    def is_empty(self) -> bool:
        return not self.groups


def cart_summary(cart: Cart | None) -> CartSummary:
    """The cart's lines grouped by business (in the order each was first added to), with prices
    as of now, per-business subtotals and the total. Three queries whatever the number of lines;
    none for no cart."""
    if cart is None:
        return CartSummary(cart=None, groups=[])
    lines = list(
        CartLine.objects.filter(cart=cart)
        .select_related("variant__product__vendor")
        .prefetch_related(
            Prefetch(
                "variant__product__images",
                queryset=ProductImage.objects.order_by("position", "id"),
            )
        )
        .order_by("added_at", "id")
    )
    visible = visible_product_ids(product_ids={line.variant.product_id for line in lines})
    groups: dict[int, CartVendorGroup] = {}
    for line in lines:
        variant, product = line.variant, line.variant.product
        problem = line_problem(
            variant=variant, visible=product.pk in visible, quantity=line.quantity
        )
        code, message = "", ""
        if problem is not None:
            error = next(iter(problem.error_dict.values()))[0]
            code, message = str(error.code), error.messages[0]
        images = list(product.images.all())
        summary = CartLineSummary(
            line=line,
            unit_price=variant.price,
            line_total=variant.price * line.quantity,
            problem_code=code,
            problem_message=message,
            image=images[0].image if images else None,
            max_quantity=min(MAX_QUANTITY, max(variant.quantity_available, line.quantity))
            if variant.track_inventory
            else MAX_QUANTITY,
        )
        groups.setdefault(product.vendor_id, CartVendorGroup(vendor=product.vendor))
        groups[product.vendor_id].lines.append(summary)
    return CartSummary(cart=cart, groups=list(groups.values()))
