"""Demo portfolios: every active demo vendor gets published products or services with
generated images, through the same services vendors use. Idempotent: existing slugs are kept."""

import io
import textwrap

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.text import slugify
from PIL import Image, ImageDraw

from marketplace.accounts.models import User
from marketplace.core.images import demo_font
from vendors.models import Vendor, VendorMembership

from .demo_data import CATEGORY_BY_CLASS, GENERIC, PORTFOLIOS, SERVICE_SECTIONS
from .models import Product
from .services.images import product_image_add
from .services.products import ProductInput, product_create, product_publish
from .services.variants import variant_create

PALETTE = ["#f2c14e", "#f78154", "#4d9078", "#5fad56", "#b4436c", "#3c91e6", "#9c6644", "#6c757d"]


def demo_image(name: str, index: int) -> SimpleUploadedFile:
    image = Image.new("RGB", (800, 600), PALETTE[index % len(PALETTE)])
    draw = ImageDraw.Draw(image)
    draw.rectangle((40, 40, 760, 560), outline="white", width=6)
    font = demo_font(54)
    draw.multiline_text(
        (400, 300),
        "\n".join(textwrap.wrap(name, 20)),
        fill="white",
        font=font,
        anchor="mm",
        align="center",
    )
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return SimpleUploadedFile(f"{slugify(name)}.jpg", buffer.getvalue())


def _portfolio(vendor: Vendor):
    if vendor.display_name in PORTFOLIOS:
        return PORTFOLIOS[vendor.display_name]
    section = vendor.enrollment.ciiu_section.code
    key = "service" if section in SERVICE_SECTIONS else ("C" if section in ("C", "A") else "G")
    category, kind, products = GENERIC[key]
    return CATEGORY_BY_CLASS.get(vendor.enrollment.ciiu_class, category), kind, products


def seed(log) -> None:
    staff = User.objects.get(email="coordinacion@example.com")
    vendors = Vendor.objects.filter(status=Vendor.Status.ACTIVE).select_related(
        "enrollment__ciiu_section"
    )
    created = 0
    for v_index, vendor in enumerate(vendors.order_by("pk")):
        owner = VendorMembership.objects.get(vendor=vendor, role="owner").user
        category, kind, products = _portfolio(vendor)
        for p_index, entry in enumerate(products):
            name, price, description = entry[:3]
            pricing_mode = entry[3] if len(entry) > 3 else "fixed"
            if kind == "goods" and pricing_mode == "quote":
                continue  # goods are sold at a price; made-to-order work is a service
            full_name = (
                name if vendor.display_name in PORTFOLIOS else f"{name} · {vendor.display_name}"
            )
            if Product.objects.filter(vendor=vendor, name=full_name).exists():
                continue
            product = product_create(
                vendor=vendor,
                created_by=owner,
                data=ProductInput(
                    values={
                        "name": full_name,
                        "description": f"{description}\n\nHecho por {vendor.display_name} en {vendor.enrollment.municipality.name}.",
                        "category": category,
                        "kind": kind,
                        "tax_class": "iva_19" if vendor.vat_responsible else "excluido",
                        "pricing_mode": pricing_mode if kind == "service" else "fixed",
                    },
                    service_municipalities=["medellin", "envigado", "itagui"]
                    if kind == "service"
                    else None,
                ),
            )
            variant_create(
                product=product,
                created_by=owner,
                values={
                    "sku": f"{vendor.pk:03d}-{p_index + 1:02d}",
                    "price": price,
                    "track_inventory": kind == "goods",
                },
                initial_stock=0
                if (kind == "service" or p_index == 7)
                else 5 + (v_index * 3 + p_index) % 40,
            )
            product_image_add(
                product=product,
                added_by=owner,
                upload=demo_image(name, v_index + p_index),
                alt=name,
            )
            product_publish(product=product, published_by=staff)
            created += 1
    log(
        f"catalogue: {Product.objects.filter(status='published').count()} published products ({created} new)"
    )
