"""Settlements console: each business's share of paid orders in a period, payouts recorded by
staff, and the same report as CSV or XLSX."""

from datetime import date
from io import BytesIO

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from marketplace.core.csv_export import csv_safe_cell, csv_stream
from orders.payments.services.settlements import settlement_mark_paid
from orders.payments.settlements import MANAGE, settlements_for_staff, vendor_order_get_for_staff

from .access import staff_view


def _date(raw: str) -> date | None:
    try:
        return date.fromisoformat(raw)
    except (TypeError, ValueError):
        return None


def _header() -> list[str]:
    return [
        _("Negocio"),
        _("NIT"),
        _("Pedido"),
        _("Pagado el"),
        _("Valor"),
        _("Comisión"),
        _("Costo de la pasarela"),
        _("Neto"),
        _("Estado"),
        _("Referencia del pago"),
    ]


def _cells(row) -> list:
    part = row.vendor_order
    return [
        part.seller_name,
        part.seller_nit,
        part.order.number,
        part.order.paid_at.date().isoformat(),
        row.amounts.gross,
        row.amounts.commission,
        row.amounts.gateway_fee,
        row.amounts.net,
        _("Pagada") if row.settlement else _("Pendiente"),
        row.settlement.reference if row.settlement else "",
    ]


def _xlsx(rows) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Liquidaciones"))
    sheet.append(_header())
    for row in rows:
        sheet.append([csv_safe_cell(cell) for cell in _cells(row)])
    out = BytesIO()
    book.save(out)
    return out.getvalue()


@require_safe
@staff_view(MANAGE)
def settlements(request):
    start, end = _date(request.GET.get("desde", "")), _date(request.GET.get("hasta", ""))
    rows = settlements_for_staff(user=request.user, start=start, end=end)
    fmt = request.GET.get("formato", "")
    name = f"liquidaciones-{start or 'inicio'}-{end or 'hoy'}"
    if fmt == "csv":
        response = StreamingHttpResponse(
            csv_stream(_header(), (_cells(row) for row in rows)), content_type="text/csv"
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    if fmt == "xlsx":
        response = HttpResponse(
            _xlsx(rows),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response
    totals = {
        "net": sum(row.amounts.net for row in rows),
        "pending": sum(row.amounts.net for row in rows if row.settlement is None),
    }
    context = {"rows": rows, "start": start, "end": end, "totals": totals, "query": request.GET}
    return render(request, "staff/settlements.html", context)


@require_POST
@staff_view(MANAGE)
def settlement_pay(request, vendor_order_id: int):
    part = vendor_order_get_for_staff(user=request.user, vendor_order_id=vendor_order_id)
    if part is None:
        raise Http404
    try:
        settlement_mark_paid(
            vendor_order=part, by=request.user, reference=request.POST.get("referencia", "")
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("Registramos el pago a %(vendor)s.") % {"vendor": part.seller_name}
        )
    back = request.POST.get("volver", "")
    # Only back to this report (with its period), never to a URL taken from the form.
    return redirect(back if back.startswith(reverse("staff:settlements")) else "staff:settlements")
