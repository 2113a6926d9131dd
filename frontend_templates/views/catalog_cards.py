"""How a product is presented wherever it appears (home, catalogue, vendor page, product page):
its card, its price line, its tax note and its stock status. Kept in one place so a price never
reads one way on a card and another on the product page."""

from django.urls import reverse
from django.utils.translation import gettext as _

from catalog.models import Product
from catalog.purchase import is_quoted, units_available
from marketplace.core.media_urls import media_url
from marketplace.core.money import format_cop

from .vendors_public import picture

# Rendered card widths: two columns on a phone, three from 36rem, four in the 72rem container.
LISTING_CARD_SIZES = (
    "(min-width: 72rem) 16rem, (min-width: 60rem) 23vw, (min-width: 36rem) 31vw, 47vw"
)
LOW_STOCK = 3
# What a card shows (product_cards, catalog/includes/product_cards.html): lists read only these
# columns of their rows and relations, instead of every column of five tables.
CARD_FIELDS = (
    "name",
    "slug",
    "kind",
    "pricing_mode",
    "min_price",
    "max_price",
    "is_available",
    "thumbnail",
    "published_at",
    "vendor__display_name",
    "vendor__enrollment__municipality__name",
    # Not shown, but product_list_visible joins the category, and a joined relation must be read.
    "category__name",
)


def slug_address(viewname: str):
    """`viewname`'s address for any slug, from one reverse(): a page of cards or category links
    differs only by the slug, which needs no quoting (slugify keeps letters, digits and
    hyphens)."""
    marker = "__slug__"
    address = reverse(viewname, args=[marker])
    return lambda slug: address.replace(marker, slug)


def price_display(product: Product, *, amount: int | None = None) -> dict:
    """`mode` is "quote" (no price: "Precio a convenir"), "from" ("Desde $ 80.000") or "fixed";
    `text` is the amount as shown. Without `amount`, the cheapest variant's price; options
    priced differently read "from"."""
    if is_quoted(product):
        return {"mode": "quote", "amount": None, "text": ""}
    if amount is None:
        amount = getattr(product, "min_price", None)
        ranged = amount is not None and getattr(product, "max_price", amount) != amount
    else:
        ranged = False
    if amount is None:
        # A published listing always has a variant; this only guards against a broken row.
        return {"mode": "quote", "amount": None, "text": ""}
    service_from = (
        product.kind == Product.Kind.SERVICE and product.pricing_mode == Product.PricingMode.FROM
    )
    return {
        "mode": "from" if service_from or ranged else "fixed",
        "amount": amount,
        "text": format_cop(amount),
    }


def tax_note(product: Product) -> str:
    """Ley 1480 art. 26: prices include every tax, and the page says which applies."""
    if not product.vendor.vat_responsible:
        return _("No responsable de IVA")
    return {
        Product.TaxClass.EXEMPT: _("Exento de IVA"),
        Product.TaxClass.EXCLUDED: _("Excluido de IVA"),
    }.get(product.tax_class, _("IVA incluido"))


def stock_status(variant) -> dict:
    """`state` is "available", "low" (with `units`, at most LOW_STOCK) or "out"."""
    units = units_available(variant)
    if units is None:
        return {"state": "available", "units": None}
    if units <= 0:
        return {"state": "out", "units": 0}
    if units <= LOW_STOCK:
        return {"state": "low", "units": units}
    return {"state": "available", "units": units}


def largest_url(stored: dict | None) -> str:
    """The biggest JPEG rendition, for a link that opens the image on its own."""
    renditions = (stored or {}).get("renditions") or {}
    usable = [(int(key), entry) for key, entry in renditions.items() if entry.get("jpeg")]
    if not usable:
        return ""
    # A small photo repeats its size at several widths: the widest asked for keeps the link
    # it had before narrower widths were added.
    _, biggest = max(usable, key=lambda item: (int(item[1].get("width") or 0), item[0]))
    return media_url(biggest["jpeg"])


def product_cards(products, *, sizes: str = LISTING_CARD_SIZES, eager: int = 0) -> list[dict]:
    """Cards for products from catalog.selectors.product_list_visible (prices, availability and
    the first photo are columns of the product, the vendor comes joined: no query per card). The
    first `eager` images are in the first screen, where lazy loading would only delay them."""
    cards = []
    address = slug_address("catalog:product")
    for index, product in enumerate(products):
        cards.append(
            {
                "product": product,
                "url": address(product.slug),
                "image": picture(product.thumbnail, sizes=sizes),
                "price": price_display(product),
                "loading": "eager" if index < eager else "lazy",
            }
        )
    return cards
