"""Listings waiting to be published: the products and services businesses sent for review,
the longest waiting first. Until the moderation workflow lands (its own issue), the programme's
moderators and coordinators publish them from here."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from catalog.selectors import product_get_for_moderation, product_list_in_review
from catalog.services.products import product_publish

from ..dashboard_catalog.common import summarize
from .access import MANAGE_VENDORS, MODERATE_LISTINGS, staff_view

PAGE_SIZE = 30


@staff_view(MODERATE_LISTINGS)
@require_safe
def listings(request):
    page = Paginator(product_list_in_review(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("pagina")
    )
    rows = [{"product": product, "summary": summarize(product)} for product in page]
    return render(
        request,
        "staff/listings.html",
        {
            "page": page,
            "rows": rows,
            "can_manage_vendors": request.user.has_perm(MANAGE_VENDORS),
        },
    )


@staff_view(MODERATE_LISTINGS)
@require_POST
def listing_publish(request, product_id: int):
    # Moderators see every product: a 404 tells them nothing the queue does not show.
    product = product_get_for_moderation(user=request.user, product_id=product_id)
    if product is None:
        raise Http404
    try:
        product_publish(product=product, published_by=request.user)
    except ValidationError as exc:
        messages.error(
            request,
            _("No pudimos publicar «%(name)s»: %(reason)s")
            % {"name": product.name, "reason": " ".join(exc.messages)},
        )
    else:
        messages.success(
            request,
            _("Publicaste «%(name)s». Ya se ve en la tienda.") % {"name": product.name},
        )
    return redirect("staff:listings")
