"""What the signed-in scenarios need on top of the catalogue: owner accounts for the first few
bench vendors, a moderator, a history of orders for those vendors and pending revisions in the
moderation queue. Written with bulk inserts, deterministic for a given catalogue, and idempotent:
`ensure_signed_in_fixtures` adds them to a database seeded before they existed and does nothing
when they are there already."""

import time
from datetime import timedelta

from django.db import transaction

from .seed import BATCH, BENCH_PASSWORD, BUYER_EMAIL, EPOCH, SeedReport, _analyze

MODERATOR_EMAIL = "moderador-bench@example.com"
VENDOR_EMAIL = "vendedor-bench-{n}@example.com"
MEMBER_VENDORS = 3
# The first vendor's order list has many pages; the others a few.
ORDERS_FIRST_VENDOR = 500
ORDERS_OTHER_VENDORS = 40
REVISIONS = 3000


def vendor_email(n: int = 1) -> str:
    return VENDOR_EMAIL.format(n=n)


def _bench_vendors():
    from vendors.models import Vendor

    return list(
        Vendor.objects.filter(slug__startswith="negocio-bench-")
        .select_related("enrollment")
        .order_by("pk")[:MEMBER_VENDORS]
    )


def ensure_signed_in_fixtures(*, listings: int, report: SeedReport | None = None) -> SeedReport:
    """Add the accounts, orders and pending revisions unless the moderator already exists (they
    are written in one transaction, so the moderator means all of them)."""
    from marketplace.accounts.models import User

    report = report or SeedReport(listings=listings, vendors=0, categories=0)
    vendors = _bench_vendors()
    _deliveries(vendors)
    if User.objects.filter(email=MODERATOR_EMAIL).exists():
        return report
    with transaction.atomic():
        buyer = _buyer()
        _accounts(vendors, report)
        _orders(vendors, buyer, report)
        _revisions(vendors, min(REVISIONS, listings // 5), report)
    # Without statistics for the new moderation cases the queue's plan is a guess (7.7 ms
    # instead of 0.13 for its page of ids).
    _analyze()
    return report


def _deliveries(vendors) -> None:
    """The member vendors deliver in their own municipality and offer pickup, so a buyer there
    can complete a checkout (the catalogue's vendors deliver nowhere: they have no zones)."""
    from vendors.models import DeliveryZone, Vendor

    for vendor in vendors:
        municipality_id = vendor.enrollment.municipality_id
        if DeliveryZone.objects.filter(vendor=vendor, municipality_id=municipality_id).exists():
            continue
        DeliveryZone.objects.create(vendor=vendor, municipality_id=municipality_id, fee=6000)
        Vendor.objects.filter(pk=vendor.pk).update(
            offers_pickup=True, public_address="Carrera 50 # 45-10, local 2"
        )
        vendor.offers_pickup, vendor.public_address = True, "Carrera 50 # 45-10, local 2"


def _buyer():
    from marketplace.accounts.models import User
    from marketplace.accounts.roles import Role, grant_role

    buyer = User.objects.filter(email=BUYER_EMAIL).first()
    if buyer is None:  # a catalogue seeded before the buyer existed
        buyer = User.objects.create_user(BUYER_EMAIL, BENCH_PASSWORD, first_name="Comprador")
    grant_role(buyer, Role.CITIZEN)
    return buyer


def _accounts(vendors, report: SeedReport) -> None:
    from marketplace.accounts.models import User
    from marketplace.accounts.roles import Role, grant_role
    from vendors.models import VendorMembership

    started = time.perf_counter()
    moderator = User.objects.create_user(
        MODERATOR_EMAIL, BENCH_PASSWORD, first_name="Moderadora", is_staff=True
    )
    grant_role(moderator, Role.MODERATOR)
    for n, vendor in enumerate(vendors, start=1):
        owner = User.objects.create_user(vendor_email(n), BENCH_PASSWORD, first_name=f"Dueña {n}")
        grant_role(owner, Role.VENDOR_MEMBER)
        VendorMembership.objects.create(vendor=vendor, user=owner, role="owner")
    report.timed("accounts", started, 1 + 2 * len(vendors))


# (order status, vendor order status) by index modulo 10: most of a history is delivered.
_STATES = ["completed"] * 6 + ["to_fulfil"] * 2 + ["shipped"] * 2


def _orders(vendors, buyer, report: SeedReport) -> None:
    from catalog.models import ProductVariant
    from marketplace.core.models import Municipality
    from orders.models import Order, OrderLine, VendorOrder

    started = time.perf_counter()
    municipality = Municipality.objects.order_by("dane_code").first()
    rows = 0
    for n, vendor in enumerate(vendors):
        count = ORDERS_FIRST_VENDOR if n == 0 else ORDERS_OTHER_VENDORS
        variants = list(
            ProductVariant.objects.filter(vendor=vendor, product__kind="goods")
            .select_related("product")
            .order_by("pk")[:20]
        )
        if not variants:
            continue
        plans = [_plan(vendor, variants, i) for i in range(count)]
        orders = [_order(buyer, municipality, plan, i, count) for i, plan in enumerate(plans)]
        orders = Order.objects.bulk_create(orders, batch_size=BATCH)
        for order in orders:
            order.number = f"TV-{order.pk:06d}"
        Order.objects.bulk_update(orders, ["number"], batch_size=BATCH)
        parts = VendorOrder.objects.bulk_create(
            [_part(order, vendor, plan) for order, plan in zip(orders, plans, strict=True)],
            batch_size=BATCH,
        )
        lines = [
            line for part, plan in zip(parts, plans, strict=True) for line in _lines(part, plan)
        ]
        OrderLine.objects.bulk_create(lines, batch_size=BATCH)
        rows += len(orders) + len(parts) + len(lines)
    report.timed("orders", started, rows)


def _plan(vendor, variants, i: int) -> dict:
    from marketplace.core.money import vat_contained
    from orders.totals import vat_rate_for

    chosen = [variants[i % len(variants)]]
    if i % 3 == 0 and len(variants) > 1:
        chosen.append(variants[(i + 7) % len(variants)])
    lines = []
    for k, variant in enumerate(chosen):
        quantity = 1 + (i + k) % 3
        rate = vat_rate_for(
            tax_class=variant.product.tax_class, vat_responsible=vendor.vat_responsible
        )
        total = variant.price * quantity
        lines.append(
            {
                "variant": variant,
                "quantity": quantity,
                "total": total,
                "rate": rate,
                "vat": vat_contained(total, rate) if rate else 0,
            }
        )
    return {"lines": lines, "subtotal": sum(line["total"] for line in lines), "state": i % 10}


def _order(buyer, municipality, plan: dict, i: int, count: int):
    from orders.models import Order

    # The newest order is a day before the catalogue's epoch; one every three hours before it.
    placed = EPOCH - timedelta(days=1, hours=3 * (count - i))
    state = _STATES[plan["state"]]
    return Order(
        checkout_token=_uuid(f"order-{plan['lines'][0]['variant'].vendor_id}-{i}"),
        token=_uuid(f"token-{plan['lines'][0]['variant'].vendor_id}-{i}"),
        user=buyer,
        status=Order.Status.COMPLETED if state == "completed" else Order.Status.PAID,
        email=buyer.email,
        first_name="Comprador",
        last_name=f"Bench {i + 1}",
        phone="3005550101",
        document_type="CC",
        document_number=f"{10_000_000 + i}",
        municipality=municipality,
        municipality_name=municipality.name,
        department_name=municipality.department,
        street_address="Calle 10 # 43-25",
        privacy_policy_version="2026-01",
        privacy_accepted_at=placed,
        terms_accepted_at=placed,
        subtotal=plan["subtotal"],
        delivery_total=0,
        total=plan["subtotal"],
        expires_at=placed + timedelta(minutes=30),
        stock_released=False,
        paid_at=placed + timedelta(minutes=5),
        payment_reference=f"bench-{i + 1}",
        completed_at=placed + timedelta(days=3) if state == "completed" else None,
    )


def _part(order, vendor, plan: dict):
    from orders.models import VendorOrder

    state = _STATES[plan["state"]]
    status = {"completed": "delivered", "to_fulfil": "to_fulfil", "shipped": "shipped"}[state]
    enrollment = vendor.enrollment
    return VendorOrder(
        order=order,
        vendor=vendor,
        status=status,
        delivery_method="pickup",
        delivery_fee=0,
        subtotal=plan["subtotal"],
        total=plan["subtotal"],
        seller_name=vendor.display_name,
        seller_legal_name=enrollment.legal_name,
        seller_nit=enrollment.nit,
        seller_vat_responsible=vendor.vat_responsible,
        seller_notice_address=vendor.notice_address,
        seller_notice_phone=vendor.notice_phone,
        seller_notice_email=vendor.notice_email,
        seller_pickup_address=vendor.public_address,
        shipped_at=order.paid_at + timedelta(days=1) if status != "to_fulfil" else None,
        carrier="Servientrega" if status != "to_fulfil" else "",
        tracking_code=f"SG-{order.pk}" if status != "to_fulfil" else "",
        delivered_at=order.completed_at if status == "delivered" else None,
    )


def _lines(part, plan: dict):
    from orders.labels import variant_display_name
    from orders.models import OrderLine

    for line in plan["lines"]:
        variant = line["variant"]
        product = variant.product
        yield OrderLine(
            vendor_order=part,
            variant=variant,
            product_name=product.name,
            variant_name=variant_display_name(variant),
            sku=variant.sku,
            kind=product.kind,
            quantity=line["quantity"],
            unit_price=variant.price,
            line_total=line["total"],
            tax_class=product.tax_class,
            vat_rate=line["rate"],
            vat_amount=line["vat"],
            retracto_exclusion=product.retracto_exclusion,
            track_inventory=variant.track_inventory,
        )


def _uuid(name: str):
    import uuid

    return uuid.uuid5(uuid.NAMESPACE_URL, f"bench:{name}")


def _revisions(vendors, count: int, report: SeedReport) -> None:
    """Pending edits to live listings of vendors other than the dashboard's, oldest first in
    the queue, each with its open case (as the revision service leaves them)."""
    from catalog.models import ModerationCase, Product, ProductRevision

    started = time.perf_counter()
    skip = [vendor.pk for vendor in vendors]
    products = list(
        Product.objects.filter(status="published")
        .exclude(vendor_id__in=skip)
        .exclude(revisions__status="pending")
        .order_by("pk")
        .values_list("pk", "name")[:count]
    )
    revisions = ProductRevision.objects.bulk_create(
        [
            ProductRevision(
                product_id=pk,
                status=ProductRevision.Status.PENDING,
                changes={"name": f"{name[:140]} nuevo"},
                base={"name": name},
            )
            for pk, name in products
        ],
        batch_size=BATCH,
    )
    ModerationCase.objects.bulk_create(
        [
            ModerationCase(
                product_id=revision.product_id,
                kind=ModerationCase.Kind.REVISION,
                revision=revision,
                flags=[],
            )
            for revision in revisions
        ],
        batch_size=BATCH,
    )
    report.timed("revisions", started, 2 * len(revisions))
