"""A business's orders for a period, one row per line, with what its own electronic invoice
needs (buyer document, name, email and address; each line's IVA rate and amount), as CSV or
XLSX. Cells that a spreadsheet would run as formulas stay text in both formats."""

import io
from collections.abc import Iterable, Iterator

from openpyxl import Workbook

from marketplace.core.csv_export import csv_safe_cell, csv_stream

from .models import OrderLine

HEADER = [
    "pedido",
    "fecha",
    "estado",
    "comprador_tipo_documento",
    "comprador_documento",
    "comprador_nombre",
    "comprador_correo",
    "comprador_telefono",
    "direccion",
    "municipio",
    "departamento",
    "entrega",
    "sku",
    "producto",
    "variante",
    "cantidad",
    "precio_unitario",
    "total_linea",
    "tarifa_iva",
    "iva_incluido",
    "envio_del_negocio",
]


def _row(line: OrderLine) -> list:
    part, order = line.vendor_order, line.vendor_order.order
    address = ", ".join(x for x in (order.street_address, order.address_details) if x)
    return [
        order.number,
        order.created_at.date().isoformat(),
        part.status,
        order.document_type,
        order.document_number,
        f"{order.first_name} {order.last_name}",
        order.email,
        order.phone,
        address,
        order.municipality_name,
        order.department_name,
        part.delivery_method,
        line.sku,
        line.product_name,
        line.variant_name,
        line.quantity,
        line.unit_price,
        line.line_total,
        "" if line.vat_rate is None else line.vat_rate,
        line.vat_amount,
        part.delivery_fee,
    ]


def order_lines_csv(lines: Iterable[OrderLine]) -> Iterator[str]:
    return csv_stream(HEADER, (_row(line) for line in lines))


def order_lines_xlsx(lines: Iterable[OrderLine]) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("pedidos")
    sheet.append(HEADER)
    for line in lines:
        sheet.append([csv_safe_cell(cell) for cell in _row(line)])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
