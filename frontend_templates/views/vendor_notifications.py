"""The dashboard's notices ("Avisos"): what the programme's team decided about the business's
listings, newest first, each with what to fix and a link to the product."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from vendors.selectors import (
    vendor_notifications_for_member,
    vendor_notifications_unread_count,
)
from vendors.services.notifications import notifications_mark_read

from .dashboard_catalog.common import vendor_view

PAGE_SIZE = 20


@vendor_view("GET", "HEAD")
def notification_list(request, vendor):
    notices = vendor_notifications_for_member(user=request.user, vendor=vendor)
    page = Paginator(notices, PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(
        request,
        "vendors/notifications.html",
        {
            "vendor": vendor,
            "page": page,
            "notices": list(page),
            "unread_notices": vendor_notifications_unread_count(user=request.user, vendor=vendor),
        },
    )


@vendor_view("POST")
def notification_mark_all_read(request, vendor):
    marked = notifications_mark_read(user=request.user, vendor=vendor)
    if marked:
        messages.success(request, _("Marcamos todos los avisos como leídos."))
    return redirect("vendors:notifications")
