"""Demo moderation: a queue of pending submissions (with automatic flags), a pending revision of
a live listing (new name, longer description, an extra photo) and a flagged price change, a
rejected listing with its reason, and decided history for the metrics. Idempotent."""

from marketplace.accounts.models import User
from vendors.models import Vendor, VendorMembership

from .demo_images import demo_photo
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

# (business, name, price, description, category, kind); each goes to a business that makes it.
PENDING = [
    (
        "Arepas Doña Luz",
        "Arepa de chócolo rellena de queso y bocadillo",
        8900,
        "Corta.",
        "comida-preparada",
        "goods",
    ),
    (
        "Cueros del Sur",
        "Bolso tejido en fique con asas de cuero",
        135000,
        "Bolso hecho a mano por artesanas de Girardota, con forro interior y cierre.",
        "bolsos-y-marroquineria",
        "goods",
    ),
    (
        "Confecciones Copacabana",
        "Réplica de camiseta de fútbol",
        45000,
        "Camiseta réplica de equipo, tallas S a XL.",
        "ropa",
        "goods",
    ),
    (
        "Tour Silletero",
        "Tour nocturno por el Cerro Nutibara",
        990000,
        "Recorrido guiado de dos horas con refrigerio típico y fotografías.",
        "recorridos",
        "service",
    ),
]
REJECTED = (
    "Belleza Natural Sabaneta",
    "Combo de jabones artesanales x 12",
    1500,
    "Jabones.",
    "cosmetica-natural",
    "goods",
)
APPROVED_HISTORY = [
    (
        "Dulces de la Abuela",
        "Mermelada de mora artesanal 250 g",
        14000,
        "Mermelada de mora de Santa Elena, sin conservantes.",
        "salsas-y-conservas",
        "goods",
    ),
    (
        "Tejidos Manos de Oro",
        "Camino de mesa tejido en telar",
        72000,
        "Camino de mesa de 1,80 m en algodón tejido en telar de pedal.",
        "tejidos",
        "goods",
    ),
]


def _submit(owners, entry, *, image=True) -> Product | None:
    business, name, price, description, category, kind = entry
    vendor = Vendor.objects.filter(display_name=business, status=Vendor.Status.ACTIVE).first()
    if vendor is None or Product.objects.filter(vendor=vendor, name=name).exists():
        return None
    owner = owners[vendor.pk]
    product = product_create(
        vendor=vendor,
        created_by=owner,
        data=ProductInput(
            values={
                "name": name,
                "description": description,
                "category": category,
                "kind": kind,
                "tax_class": "excluido",
            },
            service_municipalities=["medellin"] if kind == "service" else None,
        ),
    )
    variant_create(
        product=product,
        created_by=owner,
        values={"sku": f"MOD-{product.pk}", "price": price, "track_inventory": kind == "goods"},
        initial_stock=10 if kind == "goods" else 0,
    )
    if image:
        product_image_add(
            product=product,
            added_by=owner,
            upload=demo_photo(name, category, product.pk),
            alt=name,
        )
    product_submit_for_review(product=product, submitted_by=owner)
    return product


def seed(log) -> None:
    """Seeded once: after the first run the queue belongs to the people using the demo."""
    if ModerationCase.objects.exists():
        log("moderation: already seeded, left as it is")
        return
    moderator = User.objects.get(email="moderacion@example.com")
    owners = {m.vendor_id: m.user for m in VendorMembership.objects.filter(role="owner")}
    for entry in APPROVED_HISTORY:
        product = _submit(owners, entry)
        if product is not None:
            listing_approve(product=product, moderator=moderator)
    product = _submit(owners, REJECTED)
    if product is not None:
        listing_reject(
            product=product,
            moderator=moderator,
            reason="price_error",
            message="El precio de $ 1.500 por 12 jabones parece un error: revisa el valor y la descripción.",
        )
    for entry in PENDING:
        # The tour comes without a photo, so the queue shows that flag.
        _submit(owners, entry, image=entry[5] == "goods")
    _revise(owners)
    waiting = ModerationCase.objects.filter(decided_at__isnull=True).count()
    log(
        f"moderation: {waiting} listings waiting for review (one a revision of a live listing,"
        " one a flagged price change), 1 rejected with its reason"
    )


def _revise(owners) -> None:
    """A live listing's vendor edits it (the store keeps the approved version meanwhile), and
    another one multiplies a price by ten, which applies at once but is flagged."""
    jam = Product.objects.filter(name=APPROVED_HISTORY[0][1], status="published").first()
    if jam is not None and not ProductRevision.objects.filter(product=jam).exists():
        owner = owners[jam.vendor_id]
        product_update(product=jam, updated_by=owner, data=ProductInput(values=REVISED))
        product_image_add(
            product=jam,
            added_by=owner,
            upload=demo_photo("Mermelada con panela", "salsas-y-conservas", jam.pk + 1000),
            alt="Frasco de mermelada de mora con la etiqueta nueva",
        )
    runner = Product.objects.filter(name=APPROVED_HISTORY[1][1], status="published").first()
    if runner is not None and not runner.moderation_cases.filter(kind="revision").exists():
        variant = runner.variants.first()
        variant_update(
            variant=variant,
            updated_by=owners[runner.vendor_id],
            values={"price": variant.price * 10},
        )
