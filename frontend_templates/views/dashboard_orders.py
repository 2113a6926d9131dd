"""The business's orders in its dashboard: what waits to be prepared, each part with what its
electronic invoice needs, the fulfilment steps (shipped, ready for pickup, delivered,
cancelled with a reason), retracto requests and complaints, and the export for a period.

Every part is looked up through the members-only selectors of the business of the session, so
another business's part is a 404 whatever its id; the transitions themselves are the services'."""

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from orders.exports import order_lines_csv, order_lines_xlsx
from orders.models import VendorOrder
from orders.selectors import VendorOrderFilters, vendor_orders_for_member
from orders.selectors.fulfilment import (
    vendor_order_detail_for_member,
    vendor_order_lines_for_period,
    vendor_orders_waiting_count,
)
from orders.services import aftercare, lifecycle

from .dashboard_catalog.common import vendor_view
from .order_display import part_display

PAGE_SIZE = 25
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@vendor_view("GET", "HEAD")
def order_list(request, vendor):
    status = request.GET.get("estado", "")
    if status not in VendorOrder.Status.values:
        status = ""
    parts = vendor_orders_for_member(
        user=request.user, vendor=vendor, filters=VendorOrderFilters(status=status)
    )
    page = Paginator(parts, PAGE_SIZE).get_page(request.GET.get("pagina"))
    today = timezone.localdate()
    return render(
        request,
        "vendors/orders/list.html",
        {
            "vendor": vendor,
            "page": page,
            "status": status,
            "statuses": VendorOrder.Status.choices,
            "waiting": vendor_orders_waiting_count(vendor=vendor),
            "period_start": today.replace(day=1).isoformat(),
            "period_end": today.isoformat(),
        },
    )


def _own_part(request, vendor, part_id: int) -> VendorOrder:
    part = vendor_order_detail_for_member(user=request.user, vendor=vendor, vendor_order_id=part_id)
    if part is None:
        raise Http404
    return part


@vendor_view("GET", "HEAD")
def order_detail(request, vendor, part_id: int):
    part = _own_part(request, vendor, part_id)
    return render(
        request,
        "vendors/orders/detail.html",
        {
            "vendor": vendor,
            "order": part.order,
            "part": part,
            "shown": part_display(part),
            "retracto": getattr(part, "retracto", None),
            "complaints": list(part.complaints.all()),
        },
    )


def _act(request, vendor, part_id: int, action, done: str):
    part = _own_part(request, vendor, part_id)
    try:
        action(part)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    except PermissionDenied:
        raise
    else:
        messages.success(request, done)
    return redirect("vendors:order_detail", part_id=part.pk)


@vendor_view("POST")
def order_ship(request, vendor, part_id: int):
    return _act(
        request,
        vendor,
        part_id,
        lambda part: lifecycle.vendor_order_ship(
            vendor_order=part,
            by=request.user,
            carrier=request.POST.get("transportadora", ""),
            tracking_code=request.POST.get("guia", ""),
        ),
        _("Marcamos el pedido como enviado y le avisamos al comprador."),
    )


@vendor_view("POST")
def order_ready(request, vendor, part_id: int):
    return _act(
        request,
        vendor,
        part_id,
        lambda part: lifecycle.vendor_order_mark_ready(vendor_order=part, by=request.user),
        _("Le avisamos al comprador que puede recoger su pedido."),
    )


@vendor_view("POST")
def order_delivered(request, vendor, part_id: int):
    return _act(
        request,
        vendor,
        part_id,
        lambda part: lifecycle.vendor_order_mark_delivered(vendor_order=part, by=request.user),
        _("Marcamos el pedido como entregado."),
    )


@vendor_view("POST")
def order_cancel(request, vendor, part_id: int):
    return _act(
        request,
        vendor,
        part_id,
        lambda part: lifecycle.vendor_order_cancel(
            vendor_order=part, by=request.user, reason=request.POST.get("motivo", "")
        ),
        _("Cancelamos tu parte del pedido; el stock volvió a tu inventario."),
    )


@vendor_view("POST")
def order_retracto_accept(request, vendor, part_id: int):
    def accept(part):
        retracto = getattr(part, "retracto", None)
        if retracto is None:
            raise Http404
        aftercare.retracto_accept(retracto=retracto, by=request.user)

    return _act(
        request,
        vendor,
        part_id,
        accept,
        _("Aceptaste el retracto: el reembolso queda pendiente y se ve en el pedido."),
    )


def _day(raw: str, default: date) -> date | None:
    if not raw:
        return default
    try:
        return date.fromisoformat(raw)
    except ValueError:
        return None


@vendor_view("GET", "HEAD")
def order_export(request, vendor):
    today = timezone.localdate()
    start = _day(request.GET.get("desde", ""), today.replace(day=1))
    end = _day(request.GET.get("hasta", ""), today)
    if start is None or end is None or start > end or (end - start).days > 366:
        messages.error(
            request,
            _(
                "Elige un periodo válido: fechas AAAA-MM-DD, la inicial antes de la final, un año como máximo."
            ),
        )
        return redirect("vendors:orders")
    lines = vendor_order_lines_for_period(user=request.user, vendor=vendor, start=start, end=end)
    name = f"pedidos-{vendor.slug}-{start}-{end}"
    if request.GET.get("formato") == "xlsx":
        response = HttpResponse(order_lines_xlsx(lines.iterator()), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response
    response = StreamingHttpResponse(
        order_lines_csv(lines.iterator()), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response
