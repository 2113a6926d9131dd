"""What the catalogue views share: the current business, its products looked up through the
selectors that enforce membership, and how a product is summed up on the lists (price range,
stock, cover photo)."""

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from catalog.models import Product
from catalog.selectors import product_get_for_vendor, product_images_for_editing
from marketplace.core.money import format_cop

from ..vendor_dashboard import current_vendor
from ..vendors_public import picture

THUMBNAIL_SIZES = "4.5rem"


def vendor_view(*methods: str) -> Callable:
    """Login, no caching (the pages hold stock and customers' contacts) and the allowed
    methods; then the business of this session, checked on every request, is passed to the
    view. A person without a business is sent to the dashboard, which explains how to open
    one; a session naming a business they do not belong to gets the 403 page."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            vendor = current_vendor(request)
            if vendor is None:
                if request.method == "POST":
                    raise PermissionDenied(_("No perteneces a este negocio."))
                return redirect("vendors:dashboard")
            return view(request, vendor, *args, **kwargs)

        return login_required(never_cache(require_http_methods(list(methods))(wrapped)))

    return decorator


def own_product(request, vendor, product_id: int) -> Product:
    """The product if it belongs to the business of this session; 403 otherwise, the same
    whether it is another business's or does not exist. Variants and photos come prefetched,
    which is where the variant, stock and photo views find theirs."""
    product = product_get_for_vendor(user=request.user, vendor=vendor, product_id=product_id)
    if product is None:
        raise PermissionDenied(_("Este producto no es de tu negocio."))
    return product


def own_variant(product: Product, variant_id: int):
    variant = next((v for v in product.variants.all() if v.pk == variant_id), None)
    if variant is None:
        raise PermissionDenied(_("Esta variante no es de tu negocio."))
    return variant


def own_image(request, product: Product, image_id: int):
    # A live listing's photos include those staged in its pending revision.
    images = product_images_for_editing(user=request.user, product=product)
    image = next((i for i in images if i.pk == image_id), None)
    if image is None:
        raise PermissionDenied(_("Esta foto no es de tu negocio."))
    return image


@dataclass(frozen=True)
class Summary:
    """A product as the lists show it, from its prefetched variants and images."""

    price: str
    tracked: bool
    stock: int
    variant_count: int
    thumbnail: dict | None


def price_text(product: Product, variants) -> str:
    prices = [v.price for v in variants]
    return price_range_text(
        product, min(prices) if prices else None, max(prices) if prices else None
    )


def price_range_text(product: Product, low: int | None, high: int | None) -> str:
    if product.kind == Product.Kind.SERVICE and product.pricing_mode == Product.PricingMode.QUOTE:
        return _("Cotización")
    if low is None:
        return _("Sin precio")
    if product.kind == Product.Kind.SERVICE and product.pricing_mode == Product.PricingMode.FROM:
        return _("Desde %(price)s") % {"price": format_cop(low)}
    if low == high:
        return format_cop(low)
    return f"{format_cop(low)} – {format_cop(high)}"


def summarize(product: Product) -> Summary:
    variants = list(product.variants.all())
    images = list(product.images.all())
    tracked = [v for v in variants if v.track_inventory]
    return Summary(
        price=price_text(product, variants),
        tracked=bool(tracked),
        stock=sum(v.stock_quantity for v in tracked),
        variant_count=len(variants),
        thumbnail=picture(images[0].image, sizes=THUMBNAIL_SIZES) if images else None,
    )


@dataclass(frozen=True)
class Listed:
    """A product's price and cover photo as a list row shows them."""

    price: str
    thumbnail: dict | None


def listed_thumbnail(product: Product) -> dict | None:
    """The cover photo from the product's kept first photo ({} without one)."""
    return picture(product.thumbnail, sizes=THUMBNAIL_SIZES) if product.thumbnail else None


def listed(product: Product) -> Listed:
    """Price and photo from the product's kept list fields alone: no variant or photo row."""
    return Listed(
        price=price_range_text(product, product.min_price, product.max_price),
        thumbnail=listed_thumbnail(product),
    )


def summarize_listed(product: Product) -> Summary:
    """What summarize() gives, from the columns a list reads in its one query: the kept list
    fields (lowest and highest price, first live photo; catalog.listing_fields) and the
    variant figures the list selector annotates (`variant_count`, `tracked_stock`: None when
    no variant tracks stock)."""
    return Summary(
        price=price_range_text(product, product.min_price, product.max_price),
        tracked=product.tracked_stock is not None,
        stock=product.tracked_stock or 0,
        variant_count=product.variant_count,
        thumbnail=listed_thumbnail(product),
    )


class CountedPaginator(Paginator):
    """A paginator given the count the page already read (the products list's status counts,
    the moderation queue's figures per business), so the list is not counted a second time."""

    def __init__(self, object_list, per_page, *, count: int, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.known_count = count

    @cached_property
    def count(self) -> int:
        return self.known_count
