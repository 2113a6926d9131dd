"""The cart pages: add from a product page, the cart grouped by business with quantities to
change and lines to remove. Plain forms, no script. Every rule lives in orders.services.cart;
the cart and its lines are only found through orders.selectors, from the requester's own
session (orders.web) or account, so another shopper's line is a 404."""

from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from catalog.models import Product
from orders import selectors, web
from orders.error_codes import OrdersErrorCode
from orders.rules import quantity_clean
from orders.services import cart as services

from ..forms.cart import AddToCartForm, CartLineQuantityForm
from .product_display import variant_label as option_label
from .vendors_public import picture, whatsapp_url

LINE_IMAGE_SIZES = "(min-width: 36rem) 6rem, 4.5rem"
CANNOT_ADJUST = {OrdersErrorCode.PRODUCT_UNAVAILABLE, OrdersErrorCode.QUOTE_ONLY}


def _first_message(exc: ValidationError) -> str:
    return exc.messages[0] if exc.messages else _("No pudimos actualizar tu carrito.")


def _codes(exc: ValidationError) -> set[str]:
    errors = exc.error_dict.values() if hasattr(exc, "error_dict") else [exc.error_list]
    return {str(error.code) for field_errors in errors for error in field_errors}


def variant_label(variant) -> str:
    """The option a shopper chose; nothing for a product sold in one version only."""
    return option_label(variant) if (variant.name or variant.option_pairs) else ""


def _product_url(product, variant=None) -> str:
    url = reverse("catalog:product", args=[product.slug])
    return f"{url}?variante={variant.pk}" if variant is not None else url


def _whatsapp_order_link(group) -> str:
    """A message listing what the shopper wants from this business, ready to send."""
    base = whatsapp_url(group.vendor.whatsapp)
    if not base:
        return ""
    rows = []
    for line in group.lines:
        if not line.is_available:
            continue
        label = variant_label(line.variant)
        name = f"{line.product.name} ({label})" if label else line.product.name
        rows.append(f"- {line.quantity} × {name}: {line.line_total_display}")
    if not rows:
        return base
    text = "\n".join(
        [
            _("Hola, quiero comprar esto que vi en la Tienda Virtual:"),
            *rows,
            _("Subtotal: %(amount)s") % {"amount": group.subtotal_display},
        ]
    )
    return f"{base}?text={quote(text)}"


@never_cache
@require_safe
def cart_detail(request):
    summary = selectors.cart_summary(web.request_cart(request))
    groups = [
        {
            "group": group,
            "whatsapp_url": _whatsapp_order_link(group),
            "orderable": any(line.is_available for line in group.lines),
            "lines": [
                {
                    "line": line,
                    "label": variant_label(line.variant),
                    "url": _product_url(line.product),
                    "image": picture(line.image, sizes=LINE_IMAGE_SIZES) if line.image else None,
                    "from_price": line.product.pricing_mode == Product.PricingMode.FROM,
                    # A product that left the store has no page, and no quantity to change.
                    "listed": line.problem_code != OrdersErrorCode.PRODUCT_UNAVAILABLE,
                    "adjustable": line.problem_code not in CANNOT_ADJUST,
                }
                for line in group.lines
            ],
        }
        for group in summary.groups
    ]
    return render(
        request,
        "cart/detail.html",
        {
            "summary": summary,
            "groups": groups,
            "has_from_prices": any(
                line["from_price"] for group in groups for line in group["lines"]
            ),
            "tax_note": tax_note(summary.groups),
        },
    )


CHARGES_IVA = {Product.TaxClass.IVA_19, Product.TaxClass.IVA_5}


def tax_note(groups) -> str:
    """What the total says about IVA, true for these sellers: a seller that is not responsible
    for IVA charges none, whatever the product's tax class."""
    charged = {
        group.vendor.vat_responsible and line.product.tax_class in CHARGES_IVA
        for group in groups
        for line in group.lines
    }
    if charged == {True}:
        return _("IVA incluido")
    if charged == {False}:
        return _("Sin IVA: estos negocios no cobran IVA")
    return _("IVA incluido donde aplica")


@require_POST
def cart_add(request):
    form = AddToCartForm(request.POST)
    variant = selectors.variant_get(variant_id=request.POST.get("variante", ""))
    if not form.is_valid() or variant is None:
        raise Http404
    product_url = _product_url(variant.product, variant)
    # The options on the product page sit in this form, so that the option ticked is the one
    # added; its "see this option" button comes here too, and only shows that option.
    if request.POST.get("ver"):
        return redirect(product_url)
    try:
        line = web.request_cart_add(
            request, variant=variant, quantity=form.cleaned_data["cantidad"] or "1"
        )
    except ValidationError as exc:
        messages.error(request, _first_message(exc))
        # A product that left the store has no page to go back to.
        gone = OrdersErrorCode.PRODUCT_UNAVAILABLE in _codes(exc)
        return redirect("catalog:list" if gone else product_url)
    label = variant_label(variant)
    name = f"{variant.product.name} ({label})" if label else variant.product.name
    added = quantity_clean(form.cleaned_data["cantidad"] or "1")
    messages.success(
        request,
        _("Agregaste %(quantity)d × «%(name)s» al carrito (ahora tienes %(total)d).")
        % {"quantity": added, "name": name, "total": line.quantity},
    )
    # To the top of the page, where the message and the header's count are.
    return redirect(product_url)


def _line_or_404(request, line_id: int):
    line = selectors.cart_line_get(cart=web.request_cart(request), line_id=line_id)
    if line is None:
        raise Http404
    return line


@require_POST
def cart_line_update(request, line_id: int):
    line = _line_or_404(request, line_id)
    form = CartLineQuantityForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Escribe la cantidad en números enteros."))
        updated = services.cart_set_quantity(line=line, quantity=form.cleaned_data["cantidad"])
    except ValidationError as exc:
        messages.error(
            request,
            _("«%(name)s»: %(error)s")
            % {"name": line.variant.product.name, "error": _first_message(exc)},
        )
    else:
        if updated is None:
            messages.success(
                request,
                _("Quitaste «%(name)s» del carrito.") % {"name": line.variant.product.name},
            )
        else:
            messages.success(
                request,
                _("Actualizamos la cantidad de «%(name)s» a %(quantity)d.")
                % {"name": line.variant.product.name, "quantity": updated.quantity},
            )
    return redirect("cart:detail")


@require_POST
def cart_line_remove(request, line_id: int):
    line = _line_or_404(request, line_id)
    services.cart_remove(line=line)
    messages.success(
        request, _("Quitaste «%(name)s» del carrito.") % {"name": line.variant.product.name}
    )
    return redirect("cart:detail")
