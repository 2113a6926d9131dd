"""Demo moderation: a queue of pending submissions (with automatic flags), a pending revision of
a live listing (new name, longer description, an extra photo) and a flagged price change, a
rejected listing with its reason, and decided history for the metrics. Idempotent."""

from marketplace.accounts.models import User
from vendors.models import Vendor, VendorMembership

from .demo import demo_image
from .models import ModerationCase, Product, ProductRevision
from .services.images import product_image_add
from .services.moderation import listing_approve, listing_reject
from .services.products import (
    ProductInput,
    product_create,
    product_submit_for_review,
    product_update,
)
from .services.variants import variant_create, variant_update

REVISED = {
    "name": "Mermelada de mora artesanal 250 g, endulzada con panela",
    "description": (
        "Mermelada de mora de Santa Elena, sin conservantes, endulzada con panela de la "
        "región.\nFrasco de vidrio retornable: tráelo y te damos $ 1.000 de descuento."
    ),
}

PENDING = [
    ("Arepa de chócolo rellena de queso y bocadillo", 8900, "Corta.", "comida-preparada"),
    (
        "Bolso tejido en fique con asas de cuero",
        135000,
        "Bolso hecho a mano por artesanas de Girardota, con forro interior y cierre.",
        "bolsos-y-marroquineria",
    ),
    ("Réplica de camiseta de fútbol", 45000, "Camiseta réplica de equipo, tallas S a XL.", "ropa"),
    (
        "Tour nocturno por el Cerro Nutibara",
        990000,
        "Recorrido guiado de dos horas con refrigerio típico y fotografías.",
        "recorridos",
    ),
]
REJECTED = ("Combo de velas aromáticas x 12", 1500, "Velas.", "velas-y-aromas")
APPROVED_HISTORY = [
    (
        "Mermelada de mora artesanal 250 g",
        14000,
        "Mermelada de mora de Santa Elena, sin conservantes.",
        "salsas-y-conservas",
    ),
    (
        "Cuaderno ilustrado con pasta dura",
        32000,
        "Cuaderno de 100 hojas con ilustraciones de artistas del Valle de Aburrá.",
        "decoracion",
    ),
]


def _submit(vendor, owner, name, price, description, category, *, image=True) -> Product | None:
    if Product.objects.filter(vendor=vendor, name=name).exists():
        return None
    product = product_create(
        vendor=vendor,
        created_by=owner,
        data=ProductInput(values={"name": name, "description": description, "category": category}),
    )
    variant_create(
        product=product,
        created_by=owner,
        values={"sku": f"MOD-{product.pk}", "price": price},
        initial_stock=10,
    )
    if image:
        product_image_add(
            product=product, added_by=owner, upload=demo_image(name, product.pk), alt=name
        )
    product_submit_for_review(product=product, submitted_by=owner)
    return product


def seed(log) -> None:
    moderator = User.objects.get(email="moderacion@example.com")
    vendors = list(Vendor.objects.filter(status=Vendor.Status.ACTIVE).order_by("pk")[:8])
    owners = {
        m.vendor_id: m.user
        for m in VendorMembership.objects.filter(vendor__in=vendors, role="owner")
    }
    for i, (name, price, description, category) in enumerate(APPROVED_HISTORY):
        vendor = vendors[i]
        product = _submit(vendor, owners[vendor.pk], name, price, description, category)
        if product is not None:
            listing_approve(product=product, moderator=moderator)
    name, price, description, category = REJECTED
    vendor = vendors[2]
    product = _submit(vendor, owners[vendor.pk], name, price, description, category)
    if product is not None:
        listing_reject(
            product=product,
            moderator=moderator,
            reason="price_error",
            message="El precio de $ 1.500 por 12 velas parece un error: revisa el valor y la descripción.",
        )
    for i, entry in enumerate(PENDING):
        vendor = vendors[3 + i]
        # The first pending item comes without a photo, so the queue shows that flag.
        _submit(vendor, owners[vendor.pk], *entry, image=i > 0)
    _revise(owners)
    waiting = ModerationCase.objects.filter(decided_at__isnull=True).count()
    log(
        f"moderation: {waiting} listings waiting for review (one a revision of a live listing,"
        " one a flagged price change), 1 rejected with its reason"
    )


def _revise(owners) -> None:
    """A live listing's vendor edits it (the store keeps the approved version meanwhile), and
    another one multiplies a price by ten, which applies at once but is flagged."""
    jam = Product.objects.filter(name=APPROVED_HISTORY[0][0], status="published").first()
    if jam is not None and not ProductRevision.objects.filter(product=jam).exists():
        owner = owners[jam.vendor_id]
        product_update(product=jam, updated_by=owner, data=ProductInput(values=REVISED))
        product_image_add(
            product=jam,
            added_by=owner,
            upload=demo_image("Mermelada con panela", jam.pk + 1000),
            alt="Frasco de mermelada de mora con la etiqueta nueva",
        )
    notebook = Product.objects.filter(name=APPROVED_HISTORY[1][0], status="published").first()
    if notebook is not None and not notebook.moderation_cases.filter(kind="revision").exists():
        variant = notebook.variants.first()
        variant_update(
            variant=variant,
            updated_by=owners[notebook.vendor_id],
            values={"price": variant.price * 10},
        )
