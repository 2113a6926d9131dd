"""Cart reads, request-free. A cart is found by its token (its handle: the pages keep it in the
session, API clients pass it) or by its signed-in owner; a line is only ever looked up inside
the cart it belongs to, so one shopper can never reach another's."""

import uuid
from dataclasses import dataclass, field

from django.db.models import Prefetch, Sum

from catalog.models import ProductImage, ProductVariant
from catalog.purchase import purchase_infos
from marketplace.core.money import format_cop
from marketplace.core.numbers import ascii_int
from vendors.models import Vendor

from ..models import Cart, CartLine


def token_parse(raw) -> uuid.UUID | None:
    """A cart or order token from untrusted input; None for anything that is not a UUID."""
    if raw is None or isinstance(raw, bool):
        return None
    try:
        return uuid.UUID(str(raw).strip())
    except (TypeError, ValueError, AttributeError):
        return None


def cart_get_for_user(*, user) -> Cart | None:
    if user is None or not user.is_authenticated:
        return None
    return Cart.objects.filter(user=user).first()


def cart_get_anonymous(*, token: uuid.UUID | None) -> Cart | None:
    if token is None:
        return None
    return Cart.objects.filter(token=token, user__isnull=True).first()


def cart_get_by_token(*, token, user=None) -> Cart | None:
    """The cart with this token: an anonymous cart for anyone holding the token, a user's cart
    only for that user (a leaked token of a signed-in person's cart opens nothing)."""
    token = token_parse(token)
    if token is None:
        return None
    cart = Cart.objects.filter(token=token).first()
    if cart is None or (cart.user_id is not None and getattr(user, "pk", None) != cart.user_id):
        return None
    return cart


def cart_line_get(*, cart: Cart | None, line_id) -> CartLine | None:
    """A line of `cart`; None for another cart's line or an id that is not one."""
    line_id = ascii_int(line_id)
    if cart is None or line_id is None:
        return None
    return (
        CartLine.objects.select_related("variant__product", "cart")
        .filter(cart=cart, pk=line_id)
        .first()
    )


def cart_item_count(*, user=None, token=None) -> int:
    """Units in a cart, for the header: one query at most, none without a user or token."""
    if user is not None and user.is_authenticated:
        lines = CartLine.objects.filter(cart__user=user)
    else:
        token = token_parse(token)
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
    infos = purchase_infos(quantities=[(line.variant, line.quantity) for line in lines])
    groups: dict[int, CartVendorGroup] = {}
    for line, info in zip(lines, infos, strict=True):
        variant, product = line.variant, line.variant.product
        images = list(product.images.all())
        summary = CartLineSummary(
            line=line,
            unit_price=variant.price,
            line_total=variant.price * line.quantity,
            problem_code=info.code,
            problem_message=info.message,
            image=images[0].image if images else None,
            max_quantity=max(info.max_quantity, line.quantity),
        )
        groups.setdefault(product.vendor_id, CartVendorGroup(vendor=product.vendor))
        groups[product.vendor_id].lines.append(summary)
    return CartSummary(cart=cart, groups=list(groups.values()))
