"""The dashboard's notices ("Avisos"): what the programme's team decided about the business's
listings, newest first, each with what to fix and a link to the product."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
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


@vendor_view("POST")
def notification_open(request, vendor, notification_id: int):
    """Follow a notice's link, marking that notice read on the way: the person is acting on
    it, so the nav should stop counting it."""
    notice = (
        vendor_notifications_for_member(user=request.user, vendor=vendor)
        .filter(pk=notification_id)
        .first()
    )
    if notice is None:
        raise PermissionDenied(_("Este aviso no es de tu negocio."))
    notifications_mark_read(user=request.user, vendor=vendor, ids=[notice.pk])
    # Stored links are paths this site wrote; anything else goes back to the list.
    if not url_has_allowed_host_and_scheme(notice.url, allowed_hosts=None):
        return redirect("vendors:notifications")
    return redirect(notice.url)
