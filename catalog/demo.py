"""Demo portfolios: each of the 30 active demo vendors gets its eight hand-written listings
(`demo_data`), with illustrated photos, through the same services vendors use.

A vendor's portfolio is seeded once, when it has no listing at all: a restart never re-creates a
listing its owner deleted, nor adds anything to a store a person onboarded."""

from django.core.files.uploadedfile import SimpleUploadedFile

from marketplace.accounts.models import User
from vendors.demo import demo_nit
from vendors.demo_data import BUSINESSES
from vendors.models import Vendor, VendorMembership

from .demo_data import PORTFOLIOS, SERVICE_AREAS
from .demo_images import demo_photo
from .models import Product
from .services.images import product_image_add
from .services.products import ProductInput, product_create, product_publish
from .services.variants import variant_create

DEMO_NITS = {demo_nit(index) for index in range(len(BUSINESSES))}


def demo_image(name: str, index: int, category: str = "decoracion") -> SimpleUploadedFile:
    """An illustrated photo for a listing of `category` (`index` varies the colours)."""
    return demo_photo(name, category, index)


def _tax_class(vendor: Vendor, kind: str, category: str) -> str:
    if not vendor.vat_responsible:
        return "excluido"
    # Basic foods carry the reduced rate; everything else the general one.
    return (
        "iva_5" if category in {"frutas-verduras-y-campo", "panaderia-y-reposteria"} else "iva_19"
    )


def _seed_listing(vendor, owner, staff, index, entry, category, kind) -> None:
    name, price, description, mode, extras = entry
    category = extras.get("category", category)
    town = vendor.enrollment.municipality
    product = product_create(
        vendor=vendor,
        created_by=owner,
        data=ProductInput(
            values={
                "name": name,
                "description": description,
                "category": category,
                "kind": kind,
                "tax_class": _tax_class(vendor, kind, category),
                "pricing_mode": mode,
            },
            service_municipalities=SERVICE_AREAS.get(town.slug, [town.slug])
            if kind == "service"
            else None,
        ),
    )
    variants = extras.get("variants") or [(None, None, price)]
    for v_index, (option, value, amount) in enumerate(variants):
        values = {"sku": f"{vendor.pk:03d}-{index + 1:02d}", "price": amount}
        if option:
            # The option alone names the variant ("Talla: 38"), as shoppers choose it.
            values |= {"sku": f"{values['sku']}-{v_index + 1}", "options": [[option, value]]}
        values["track_inventory"] = kind == "goods"
        # The last listing of each store is sold out, so the store shows that state too.
        stock = 0 if kind == "service" or index == 7 else 4 + (vendor.pk * 7 + index) % 30
        variant_create(product=product, created_by=owner, values=values, initial_stock=stock)
    product_image_add(
        product=product,
        added_by=owner,
        upload=demo_photo(name, category, vendor.pk * 8 + index),
        alt=name,
    )
    product_publish(product=product, published_by=staff)


def seed(log) -> None:
    staff = User.objects.get(email="coordinacion@example.com")
    vendors = (
        Vendor.objects.filter(
            status=Vendor.Status.ACTIVE,
            enrollment__nit__in=DEMO_NITS,
            display_name__in=PORTFOLIOS,
        )
        .select_related("enrollment__municipality")
        .order_by("pk")
    )
    created = 0
    for vendor in vendors:
        if Product.objects.filter(vendor=vendor).exists():
            continue
        owner = VendorMembership.objects.get(vendor=vendor, role="owner").user
        category, kind, entries = PORTFOLIOS[vendor.display_name]
        for index, entry in enumerate(entries):
            _seed_listing(vendor, owner, staff, index, entry, category, kind)
            created += 1
    log(
        f"catalogue: {Product.objects.filter(status='published').count()} published listings"
        f" ({created} new)"
    )
