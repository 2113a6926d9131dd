"""CSV export and import of a vendor's products and stock, keyed by SKU, with a preview like
the roster import: nothing is written until the vendor confirms, and re-importing the same
file changes nothing."""

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from marketplace.core.csv_export import csv_safe_cell, csv_unescape_cell
from marketplace.core.errors import CoreErrorCode
from marketplace.core.money import to_pesos
from vendors.permissions import require_vendor_member

from ..models import Category, Product, ProductVariant, StockMovement
from .products import ProductInput, product_create
from .variants import stock_adjust, variant_create, variant_update

COLUMNS = [
    "sku",
    "nombre",
    "tipo",
    "categoria",
    "precio",
    "precio_antes",
    "existencias",
    "controlar_inventario",
]
MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 2000
KINDS = {"producto": "goods", "goods": "goods", "servicio": "service", "service": "service"}
YES = {"si", "sí", "1", "true", "yes", "x"}


def portfolio_export_csv(*, user, vendor) -> str:
    require_vendor_member(user, vendor)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    variants = (
        ProductVariant.objects.filter(vendor=vendor)
        .exclude(product__status=Product.Status.ARCHIVED)
        .select_related("product__category")
        .order_by("product__name", "position", "id")
    )
    for v in variants:
        # Names and SKUs are the vendor's text: never let a spreadsheet run them as formulas.
        writer.writerow(
            csv_safe_cell(cell)
            for cell in [
                v.sku,
                v.product.name,
                "servicio" if v.product.kind == "service" else "producto",
                v.product.category.slug,
                v.price,
                v.compare_at_price or "",
                v.stock_quantity,
                "si" if v.track_inventory else "no",
            ]
        )
    return out.getvalue()


@dataclass
class PortfolioRow:
    number: int
    sku: str
    status: str  # new | updated | unchanged | error
    errors: list[str] = field(default_factory=list)
    changes: dict = field(default_factory=dict)
    data: dict | None = None


def _file_error(message):
    return ValidationError({"file": ValidationError(message, code=CoreErrorCode.INVALID)})


def _rows(content: bytes) -> list[dict]:
    if len(content) > MAX_BYTES:
        raise _file_error(_("El archivo pesa más de 2 MB."))
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("latin-1")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    matrix = list(csv.reader(io.StringIO(text), dialect))
    if not matrix or [h.strip().lower() for h in matrix[0]][:2] != COLUMNS[:2]:
        raise _file_error(
            _("Usa el archivo exportado o la plantilla: la primera fila debe ser %(cols)s.")
            % {"cols": ", ".join(COLUMNS)}
        )
    if len(matrix) - 1 > MAX_ROWS:
        raise _file_error(_("El archivo tiene más de %(n)d filas.") % {"n": MAX_ROWS})
    header = [h.strip().lower() for h in matrix[0]]
    return [
        dict(zip(header, (csv_unescape_cell(cell) for cell in r), strict=False)) for r in matrix[1:]
    ]


def _clean(raw: dict, categories: dict) -> dict:
    errors = []
    data = {
        "sku": (raw.get("sku") or "").strip()[:64],
        "name": (raw.get("nombre") or "").strip()[:150],
    }
    if not data["sku"]:
        errors.append(_("sku: falta la referencia."))
    kind = KINDS.get((raw.get("tipo") or "producto").strip().lower())
    if kind is None:
        errors.append(_("tipo: usa «producto» o «servicio»."))
    data["kind"] = kind
    data["category"] = (raw.get("categoria") or "").strip()
    for column, key in (("precio", "price"), ("precio_antes", "compare_at_price")):
        value = (raw.get(column) or "").replace(".", "").replace("$", "").strip()
        if not value and key == "compare_at_price":
            data[key] = None
            continue
        try:
            data[key] = to_pesos(value or "x", field=key)
        except ValidationError as exc:
            errors.append(f"{column}: {' '.join(exc.messages)}")
    stock = (raw.get("existencias") or "0").strip()
    if stock.isdigit():
        data["stock"] = int(stock)
    else:
        errors.append(_("existencias: escribe un número entero, 0 o mayor."))
    data["track_inventory"] = (raw.get("controlar_inventario") or "si").strip().lower() in YES
    if errors:
        raise ValidationError(errors)
    return data


def portfolio_import_preview(*, user, vendor, content: bytes) -> list[PortfolioRow]:
    require_vendor_member(user, vendor)
    categories = {c.slug: c for c in Category.objects.all()}
    existing = {
        v.sku: v for v in ProductVariant.objects.filter(vendor=vendor).select_related("product")
    }
    preview, seen = [], set()
    for number, raw in enumerate(_rows(content), start=2):
        if not any((v or "").strip() for v in raw.values()):
            continue
        row = PortfolioRow(number=number, sku=(raw.get("sku") or "").strip(), status="error")
        try:
            data = _clean(raw, categories)
        except ValidationError as exc:
            row.errors = exc.messages
            preview.append(row)
            continue
        if data["sku"] in seen:
            row.errors = [_("SKU repetido en el archivo.")]
            preview.append(row)
            continue
        seen.add(data["sku"])
        variant = existing.get(data["sku"])
        if variant is None:
            if not data["name"] or data["category"] not in categories:
                row.errors = [_("Para un producto nuevo escribe el nombre y una categoría válida.")]
                preview.append(row)
                continue
            row.status, row.data = "new", data
        else:
            if variant.product.status == Product.Status.ARCHIVED:
                row.errors = [_("El producto está archivado.")]
                preview.append(row)
                continue
            current = {
                "price": variant.price,
                "compare_at_price": variant.compare_at_price,
                "stock": variant.stock_quantity,
                "track_inventory": variant.track_inventory,
            }
            row.changes = {k: (current[k], data[k]) for k in current if current[k] != data[k]}
            row.status, row.data = ("updated" if row.changes else "unchanged"), data
        preview.append(row)
    return preview


@transaction.atomic
def portfolio_import_apply(*, user, vendor, content: bytes) -> list[PortfolioRow]:
    rows = portfolio_import_preview(user=user, vendor=vendor, content=content)
    for row in rows:
        data = row.data
        if row.status == "new":
            product = product_create(
                vendor=vendor,
                created_by=user,
                data=ProductInput(
                    values={
                        "name": data["name"],
                        "category": data["category"],
                        "kind": data["kind"],
                    }
                ),
            )
            variant = variant_create(
                product=product,
                created_by=user,
                values={
                    k: data[k] for k in ("sku", "price", "compare_at_price", "track_inventory")
                },
            )
            if data["stock"]:
                stock_adjust(
                    variant=variant,
                    delta=data["stock"],
                    reason=StockMovement.Reason.IMPORT,
                    actor=user,
                )
        elif row.status == "updated":
            variant = ProductVariant.objects.select_related("product").get(
                vendor=vendor, sku=row.sku
            )
            values = {
                k: data[k]
                for k in ("price", "compare_at_price", "track_inventory")
                if k in row.changes
            }
            if values:
                variant_update(variant=variant, updated_by=user, values=values)
            if "stock" in row.changes:
                stock_adjust(
                    variant=variant,
                    delta=data["stock"] - variant.stock_quantity,
                    reason=StockMovement.Reason.IMPORT,
                    actor=user,
                )
    return rows
