"""What the product page shows of a listing: gallery, options, price with its tax note, stock,
service terms and the seller's Ley 1480 art. 50 details. Shared by the public product page and
the staff preview of a listing under review, so moderators approve exactly what citizens see."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from catalog.models import Product
from catalog.pricing import is_quoted
from marketplace.accounts.phones import phone_display
from vendors.identifiers import nit_format

from .catalog_cards import largest_url, price_display, stock_status, tax_note
from .vendors_public import picture

GALLERY_SIZES = (
    "(min-width: 60rem) 34rem, (min-width: 36rem) calc(100vw - 3rem), calc(100vw - 2rem)"
)
THUMB_SIZES = "5rem"


def variant_label(variant) -> str:
    options = " · ".join(f"{name.capitalize()}: {value}" for name, value in variant.option_pairs)
    if variant.name and options:
        return f"{variant.name} ({options})"
    return variant.name or options or variant.sku


def shared_option(variants) -> str:
    """The one option every variant is chosen by ("talla"), when each variant is just a value
    of it: the option list is then titled with it and each choice says only its value ("38"),
    short enough for several a row on a phone. "" otherwise."""
    pairs = [v.option_pairs for v in variants]
    if any(v.name or len(p) != 1 for v, p in zip(variants, pairs, strict=True)):
        return ""
    return pairs[0][0][0].capitalize() if len({p[0][0].casefold() for p in pairs}) == 1 else ""


def duration_text(minutes: int | None) -> str:
    if not minutes:
        return ""
    hours, rest = divmod(minutes, 60)
    parts = []
    if hours:
        parts.append(ngettext("%(n)d hora", "%(n)d horas", hours) % {"n": hours})
    if rest:
        parts.append(ngettext("%(n)d minuto", "%(n)d minutos", rest) % {"n": rest})
    return _(" y ").join(parts)


def select_variant(variants, requested: str = ""):
    """The option asked for, else the first that can be bought, else the first; None when the
    listing has no option at all."""
    return next((v for v in variants if str(v.pk) == requested), None) or next(
        (v for v in variants if stock_status(v)["state"] != "out"),
        variants[0] if variants else None,
    )


def product_display(
    product: Product, *, selected, images=None, service_municipalities=None
) -> dict:
    """The template context of the shared product includes (catalog/includes/product_*.html and
    vendors/includes/seller_information.html), from the product's prefetched relations.
    `images` and `service_municipalities` replace the live ones, to preview a revision."""
    variants = list(product.variants.all())
    several = len(variants) > 1
    option_name = shared_option(variants) if several else ""
    gallery = [
        {
            "pic": picture(image.image, sizes=GALLERY_SIZES if index == 0 else THUMB_SIZES),
            "alt": image.alt,
            "full": largest_url(image.image),
        }
        for index, image in enumerate(product.images.all() if images is None else images)
    ]
    vendor = product.vendor
    enrollment = vendor.enrollment
    return {
        "product": product,
        "vendor": vendor,
        "municipality": enrollment.municipality,
        "gallery": [entry for entry in gallery if entry["pic"]],
        "variants": [
            {
                "variant": v,
                "label": variant_label(v),
                "choice": v.option_pairs[0][1] if option_name else variant_label(v),
                "price": price_display(product, amount=v.price),
                "stock": stock_status(v),
            }
            for v in variants
        ],
        "several": several,
        "option_name": option_name,
        # The price box shows the price; each choice repeats it only when they differ.
        "same_price": len({v.price for v in variants}) == 1,
        "selected": selected,
        "selected_label": variant_label(selected) if several and selected else "",
        "price": price_display(product, amount=selected.price if selected else None),
        "compare_at": selected.compare_at_price
        if selected and (selected.compare_at_price or 0) > selected.price
        else None,
        "tax_note": tax_note(product),
        "stock": stock_status(selected) if selected else {"state": "out", "units": 0},
        "is_goods": product.kind == Product.Kind.GOODS,
        "is_quote": is_quoted(product),
        "duration": duration_text(product.duration_minutes),
        "service_municipalities": list(
            product.service_municipalities.all()
            if service_municipalities is None
            else service_municipalities
        ),
        "delivery_zones": list(vendor.delivery_zones.all()),
        "whatsapp_display": phone_display(vendor.whatsapp),
        "seller": {
            "legal_name": enrollment.legal_name,
            "nit": nit_format(enrollment.nit),
            "notice_address": vendor.notice_address,
            "phone": phone_display(vendor.notice_phone),
            "email": vendor.notice_email,
        },
    }
