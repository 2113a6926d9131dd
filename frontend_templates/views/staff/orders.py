"""Every order of the store for programme staff, with the filters their reports need
(municipality, business, status, dates), and the open complaints (PQR) with their age against
the legal term for an answer (15 business days for claims; DOMAIN.md, Ley 1480)."""

from datetime import date

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from marketplace.core.numbers import ascii_int
from marketplace.core.selectors import municipality_list
from orders.business_days import business_days_after
from orders.models import Order
from orders.selectors.staff import (
    StaffOrderFilters,
    complaints_open_for_staff,
    orders_for_staff,
)
from vendors.selectors import vendor_list_for_staff

from .access import staff_view

MANAGE_ORDERS = "orders.manage_orders"
PAGE_SIZE = 50
ANSWER_BUSINESS_DAYS = 15


def _day(raw: str) -> date | None:
    try:
        return date.fromisoformat(raw) if raw else None
    except ValueError:
        return None


def _filters(query) -> StaffOrderFilters:
    vendor = query.get("negocio", "")
    status = query.get("estado", "")
    return StaffOrderFilters(
        municipality=query.get("municipio", "")[:5],
        vendor_id=ascii_int(vendor, max_digits=11),
        status=status if status in Order.Status.values else "",
        start=_day(query.get("desde", "")),
        end=_day(query.get("hasta", "")),
    )


def _complaint_rows(complaints) -> list[dict]:
    today = timezone.localdate()
    rows = []
    for complaint in complaints:
        opened = timezone.localdate(complaint.created_at)
        due = business_days_after(opened, ANSWER_BUSINESS_DAYS)
        rows.append(
            {"complaint": complaint, "age": (today - opened).days, "due": due, "late": today > due}
        )
    return rows


@staff_view(MANAGE_ORDERS)
@require_safe
def order_list(request):
    filters = _filters(request.GET)
    orders = orders_for_staff(user=request.user, filters=filters)
    page = Paginator(orders, PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(
        request,
        "staff/orders.html",
        {
            "page": page,
            "filters": filters,
            "statuses": Order.Status.choices,
            "municipalities": municipality_list(),
            "vendors": vendor_list_for_staff(user=request.user),
            "complaints": _complaint_rows(complaints_open_for_staff(user=request.user)[:100]),
        },
    )
