"""Quote requests for the business's services priced on request: who asked, how to reach them
(their email and phone, written out so they can be copied into any app), and whether someone
in the team already answered."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from catalog.selectors import quote_requests_for_vendor
from catalog.services.quotes import quote_request_mark_answered
from marketplace.accounts.phones import phone_display

from .common import vendor_view

PAGE_SIZE = 30


@vendor_view("GET", "HEAD")
def quote_list(request, vendor):
    quotes = quote_requests_for_vendor(user=request.user, vendor=vendor)
    page = Paginator(quotes, PAGE_SIZE).get_page(request.GET.get("pagina"))
    rows = [{"quote": quote, "phone": phone_display(quote.phone)} for quote in page]
    return render(
        request,
        "vendors/catalog/quotes.html",
        {
            "vendor": vendor,
            "page": page,
            "rows": rows,
            "pending": quotes.filter(answered_at=None).count(),
        },
    )


@vendor_view("POST")
def quote_answered(request, vendor, quote_id: int):
    quote = quote_requests_for_vendor(user=request.user, vendor=vendor).filter(pk=quote_id).first()
    if quote is None:
        raise PermissionDenied(_("Esta solicitud no es de tu negocio."))
    quote_request_mark_answered(quote=quote, answered_by=request.user)
    messages.success(
        request,
        _("Marcamos como respondida la solicitud de %(name)s.") % {"name": quote.name},
    )
    return redirect("vendors:quotes")
