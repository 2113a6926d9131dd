"""The vendor's own settlements in the dashboard: what the programme owes or paid the business
for each paid order, after commission and the gateway fee."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from orders.payments.settlements import settlements_for_vendor

from .staff.settlements import _date
from .vendor_dashboard import current_vendor


@login_required
@never_cache
@require_safe
def vendor_settlements(request):
    vendor = current_vendor(request)
    if vendor is None:
        return redirect("vendors:dashboard")
    start, end = _date(request.GET.get("desde", "")), _date(request.GET.get("hasta", ""))
    rows = settlements_for_vendor(user=request.user, vendor=vendor, start=start, end=end)
    totals = {
        "net": sum(row.amounts.net for row in rows),
        "pending": sum(row.amounts.net for row in rows if row.settlement is None),
    }
    return render(
        request,
        "vendors/settlements.html",
        {"vendor": vendor, "rows": rows, "start": start, "end": end, "totals": totals},
    )
