"""The storefront's catalogue: the listing with its filters, a category's listing, the product
page (with the seller's Ley 1480 art. 50 details) and the quote request for services priced on
request. Every read goes through catalog.selectors, so nothing hidden by the visibility rule can
appear here; words typed in the listing's box are looked for by search.services, as on /buscar/,
whose results pass through the same rule."""

import logging
from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from catalog import selectors
from catalog.models import Product
from catalog.services.quotes import quote_request_create
from marketplace.accounts.phones import phone_display
from marketplace.core.money import format_cop
from marketplace.core.selectors import municipality_list
from search.backends import SearchUnavailable
from search.types import SearchFilters

from ..forms import add_service_errors
from .catalog_cards import CARD_FIELDS, LISTING_CARD_SIZES, product_cards, slug_address
from .catalog_forms import CatalogFilterForm, QuoteRequestForm
from .page_cache import anonymous_page_cache
from .pagination import BoundedPaginator
from .product_display import is_quoted, product_display, select_variant, variant_label
from .ratelimits import rate_limited
from .search_results import has_words, notices, result_cards, result_page, run_search
from .vendors_public import whatsapp_url

logger = logging.getLogger(__name__)

PAGE_SIZE = 24
# Filters whose removal is offered one by one above the results.
FILTER_PARAMS = ("q", "municipio", "tipo", "precio_min", "precio_max", "disponibles")
# The filter panel's fields in their order; the availability checkbox follows them.
FILTER_GRID = ("municipio", "tipo", "precio_min", "precio_max", "orden")


def _query_without(request, *names: str) -> str:
    """The current query string minus `names` and the page number (a changed filter starts over
    at page one)."""
    params = request.GET.copy()
    for name in (*names, "pagina"):
        params.pop(name, None)
    return f"?{params.urlencode()}" if params else ""


def _active_filters(request, form, municipalities) -> list[dict]:
    """What narrows the results, each with a link that removes just that filter."""
    data = getattr(form, "cleaned_data", {})
    names = {m.slug: m.name for m in municipalities}
    labels = {
        "q": data.get("q") and f"«{data['q']}»",
        "municipio": names.get(data.get("municipio") or ""),
        "tipo": {"productos": _("Solo productos"), "servicios": _("Solo servicios")}.get(
            data.get("tipo") or ""
        ),
        "precio_min": data.get("precio_min") is not None
        and _("Desde %(price)s") % {"price": format_cop(data["precio_min"])},
        "precio_max": data.get("precio_max") is not None
        and _("Hasta %(price)s") % {"price": format_cop(data["precio_max"])},
        "disponibles": data.get("disponibles") and _("Solo disponibles"),
    }
    return [
        {
            "param": name,
            "label": labels[name],
            "remove": request.path + _query_without(request, name),
        }
        for name in FILTER_PARAMS
        if labels[name]
    ]


def _search_filters(values: dict, family) -> SearchFilters:
    return SearchFilters(
        category=family.category.slug if family else "",
        municipality=values["municipality"],
        kind=values["kind"],
        price_min=values["price_min"],
        price_max=values["price_max"],
        in_stock=values["in_stock"],
    )


@require_safe
@anonymous_page_cache(*FILTER_PARAMS, "orden", "pagina")
def product_list(request, category_slug: str = ""):
    family = None
    if category_slug:
        family = selectors.category_family(slug=category_slug)
        if family is None:
            raise Http404
        categories = family.children
    else:
        categories = [c for c in selectors.category_list() if c.parent_id is None]
    municipalities = list(municipality_list())
    typed = str(request.GET.get("q", ""))
    # Words to look for go to search.services, as on /buscar/, scoped to this category; without
    # any ("", "de la", "☕") the page browses the catalogue, which can also order by name.
    searching = has_words(typed)
    form = CatalogFilterForm(
        request.GET or None, municipalities=municipalities, searching=searching
    )
    if form.is_bound:
        # Fills cleaned_data with the valid filters; an invalid one is reported and ignored.
        form.is_valid()
    values = form.values()
    sort, query = values.pop("sort"), values.pop("search")
    result, status = None, 200
    if searching:
        try:
            result = run_search(
                query,
                _search_filters(values, family),
                sort=sort,
                page=request.GET.get("pagina"),
                page_size=PAGE_SIZE,
            )
        except SearchUnavailable:
            logger.exception("Catalogue search failed for %r", query)
            status = 503
        page = result_page(result) if result else None
        cards = result_cards(result, sizes=LISTING_CARD_SIZES) if result else []
    else:
        products = selectors.product_list_visible(
            filters=selectors.ProductFilters(
                category=family.category if family else None, **values
            ),
            sort=sort,
        ).only(*CARD_FIELDS)
        page = BoundedPaginator(products, PAGE_SIZE).get_page(request.GET.get("pagina"))
        cards = product_cards(page.object_list, sizes=LISTING_CARD_SIZES, eager=2)
    active = _active_filters(request, form, municipalities)
    fields = form.display()
    keep_query = _query_without(request)
    category_address = slug_address("catalog:category")
    return render(
        request,
        "catalog/list.html",
        {
            **notices(request, result, typed.strip()),
            "form": form,
            "fields": fields,
            "filter_fields": [fields[name] for name in FILTER_GRID],
            "family": family,
            "categories": [
                {"name": c.name, "url": category_address(c.slug) + keep_query} for c in categories
            ],
            "page": page,
            "cards": cards,
            "result": result,
            "searching": searching,
            "search_unavailable": status == 503,
            "active_filters": active,
            # Other filters than the words, for the advice when nothing is found.
            "filtered": any(chip["param"] != "q" for chip in active),
            # Open the filter panel when it holds something to see: a choice or an error.
            "filters_open": bool(form.errors)
            or any(request.GET.get(name) for name in FILTER_PARAMS if name != "q"),
            # Moving to another category keeps the filters (not the page number).
            "keep_query": keep_query,
            # Shown beside the count, since the sort control may sit in the closed panel.
            "sorted_by": dict(form.fields["orden"].choices).get(
                getattr(form, "cleaned_data", {}).get("orden") or ""
            ),
        },
        status=status,
    )


def _whatsapp_link(request, product, variant, *, several: bool) -> str:
    base = whatsapp_url(product.vendor.whatsapp)
    if not base:
        return ""
    name = f"{product.name} ({variant_label(variant)})" if several else product.name
    text = _("Hola, me interesa «%(name)s», que vi en la Tienda Virtual: %(url)s") % {
        "name": name,
        "url": request.build_absolute_uri(reverse("catalog:product", args=[product.slug])),
    }
    return f"{base}?text={quote(text)}"


def _product_page(request, product: Product, *, quote_form=None):
    selected = select_variant(list(product.variants.all()), request.GET.get("variante", ""))
    if selected is None:
        # A published listing always has a variant; without one there is nothing to show.
        raise Http404
    context = product_display(product, selected=selected)
    if context["is_quote"] and quote_form is None:
        user = request.user
        quote_form = QuoteRequestForm(
            initial={
                "name": user.get_full_name(),
                "email": user.email,
                "phone": phone_display(user.phone),
            }
            if user.is_authenticated
            else None,
            municipalities=municipality_list(),
        )
    family = selectors.category_family(category_id=product.category_id)
    context.update(
        {
            "breadcrumb": [*family.ancestors, family.category] if family else [],
            "whatsapp_url": _whatsapp_link(request, product, selected, several=context["several"]),
            "quote_form": quote_form,
        }
    )
    return render(request, "catalog/product.html", context)


@require_safe
@anonymous_page_cache("variante")
def product_detail(request, slug: str):
    product = selectors.product_get_visible(slug=slug)
    if product is None:
        raise Http404
    return _product_page(request, product)


@require_http_methods(["GET", "POST"])
@rate_limited("quote")
def quote_request(request, slug: str):
    product = selectors.product_get_visible(slug=slug)
    # Only services priced on request take quotes; their page is the only one with the form.
    if product is None or not is_quoted(product):
        raise Http404
    if request.method == "GET":
        # A reload of a failed submission, or a shared link: the form lives on the product page.
        return redirect(reverse("catalog:product", args=[slug]) + "#cotizar")
    form = QuoteRequestForm(request.POST, municipalities=municipality_list())
    if form.is_valid():
        data = form.cleaned_data
        try:
            quote_request_create(
                product_slug=product.slug,
                requester=request.user,
                name=data["name"],
                email=data["email"],
                phone=data["phone"],
                municipality_slug=data["municipality"],
                message=data["message"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Tu solicitud llegó al negocio. Te responderá al correo %(email)s.")
                % {"email": data["email"].strip().lower()},
            )
            return redirect("catalog:product", slug=product.slug)
    # Re-rendered with 200, like every form of the site: the errors are in the page itself.
    return _product_page(request, product, quote_form=form)
