"""The checkout scenario's listing and its verdict: a new listing with little stock for each run
(so a run's sales are exactly the orders of that listing), and the checks made on the database
after the buyers stop — nothing sold beyond the stock, no negative stock, paid orders whose
lines add up, and refusals that were stock errors rather than server errors."""

import base64
from dataclasses import dataclass
from datetime import UTC, datetime

CHECKOUT_STOCK = 20
CHECKOUT_PRICE = 20_000
SOLD = ("paid", "completed")


def checkout_listing(vendor_id: int, stock: int = CHECKOUT_STOCK):
    """A published goods listing with one variant of `stock` units, named for this run."""
    from catalog.listing_fields import listing_fields_refresh
    from catalog.models import Category, Product, ProductVariant

    stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S%f")
    leaf = Category.objects.filter(children=None).order_by("pk").first()
    product = Product.objects.create(
        vendor_id=vendor_id,
        kind=Product.Kind.GOODS,
        name=f"Lote limitado de carga {stamp}",
        slug=f"lote-limitado-bench-{stamp}",
        description="Existencias pocas: la prueba de carga del pago las agota.",
        category=leaf,
        status=Product.Status.PUBLISHED,
        published_at=datetime.now(UTC),
    )
    variant = ProductVariant.objects.create(
        product=product,
        vendor_id=vendor_id,
        sku=f"BL-{stamp}",
        price=CHECKOUT_PRICE,
        track_inventory=True,
        stock_quantity=stock,
    )
    listing_fields_refresh([product.pk])
    return variant


def global_id(type_name: str, pk: int) -> str:
    return base64.b64encode(f"{type_name}:{pk}".encode()).decode()


@dataclass(frozen=True)
class Sale:
    order_id: int
    order_status: str
    stock_released: bool
    quantity: int
    unit_price: int
    line_total: int
    part_subtotal: int
    part_lines_total: int
    order_total: int
    order_parts_total: int


def verdict(
    *,
    seeded: int,
    stock_quantity: int,
    allocated: int,
    sales: list[Sale],
    refused: int,
    failures: int,
    server_errors: int,
) -> dict:
    """Each check with whether it held; `oversold` fails the scenario."""
    sold = sum(s.quantity for s in sales if s.order_status in SOLD)
    held = sum(
        s.quantity for s in sales if s.order_status == "awaiting_payment" and not s.stock_released
    )
    inconsistent = sorted(
        {
            s.order_id
            for s in sales
            if s.order_status in SOLD
            and (
                s.line_total != s.unit_price * s.quantity
                or s.part_subtotal != s.part_lines_total
                or s.order_total != s.order_parts_total
            )
        }
    )
    checks = {
        "sold within stock": sold + held <= seeded,
        "stock never negative": stock_quantity >= 0 and allocated >= 0,
        "stock accounts for every unit sold": stock_quantity == seeded - sold,
        "reservations match unpaid orders": allocated == held,
        "paid orders add up": not inconsistent,
        "refusals were stock errors, no 5xx": failures == 0 and server_errors == 0,
    }
    return {
        "seeded_stock": seeded,
        "sold": sold,
        "reserved": held,
        "stock_after": stock_quantity,
        "allocated_after": allocated,
        "paid_orders": len({s.order_id for s in sales if s.order_status in SOLD}),
        "refused_for_stock": refused,
        "failures": failures,
        "server_errors": server_errors,
        "inconsistent_orders": inconsistent[:10],
        "checks": checks,
        "oversold": not (checks["sold within stock"] and checks["stock never negative"]),
        "ok": all(checks.values()),
    }


def collect(variant_pk: int) -> tuple[int, int, list[Sale]]:
    """The variant's stock now and every order line that bought it."""
    from django.db.models import Sum

    from catalog.models import ProductVariant
    from orders.models import OrderLine, VendorOrder

    variant = ProductVariant.objects.get(pk=variant_pk)
    lines = list(
        OrderLine.objects.filter(variant_id=variant_pk).select_related("vendor_order__order")
    )
    part_ids = {line.vendor_order_id for line in lines}
    order_ids = {line.vendor_order.order_id for line in lines}
    part_lines = dict(
        OrderLine.objects.filter(vendor_order_id__in=part_ids)
        .values_list("vendor_order_id")
        .annotate(total=Sum("line_total"))
    )
    order_parts = dict(
        VendorOrder.objects.filter(order_id__in=order_ids)
        .values_list("order_id")
        .annotate(total=Sum("total"))
    )
    sales = [
        Sale(
            order_id=line.vendor_order.order_id,
            order_status=line.vendor_order.order.status,
            stock_released=line.vendor_order.order.stock_released,
            quantity=line.quantity,
            unit_price=line.unit_price,
            line_total=line.line_total,
            part_subtotal=line.vendor_order.subtotal,
            part_lines_total=part_lines.get(line.vendor_order_id, 0),
            order_total=line.vendor_order.order.total,
            order_parts_total=order_parts.get(line.vendor_order.order_id, 0),
        )
        for line in lines
    ]
    return variant.stock_quantity, variant.allocated_quantity, sales


def summary_line(result: dict) -> str:
    failed = [name for name, held in result["checks"].items() if not held]
    head = "no oversell" if not result["oversold"] else "**OVERSOLD**"
    return (
        f"{head}: {result['sold']} sold + {result['reserved']} reserved of "
        f"{result['seeded_stock']} in stock, stock after {result['stock_after']} "
        f"(reserved {result['allocated_after']}), {result['paid_orders']} paid orders, "
        f"{result['refused_for_stock']} refused for stock, {result['failures']} other failures, "
        f"{result['server_errors']} 5xx; "
        + ("every check held" if not failed else "failed: " + ", ".join(failed))
    )
