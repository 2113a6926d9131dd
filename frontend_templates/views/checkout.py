"""The checkout page and the order pages of buyers. Plain forms (no script needed): the page
posts the buyer's details to orders.services.checkout, and "Confirmar pedido" then calls
orders.services.placement, the same services as the API. Orders are only found through
orders.selectors: by the token link (a guest's, or the signed-in owner's) or the account."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from marketplace.core.money import format_cop
from orders import selectors, web
from orders.models import Complaint, DeliveryMethod
from orders.services import aftercare
from orders.services.checkout import checkout_update
from orders.services.placement import checkout_complete

from ..forms import add_service_errors
from ..forms.checkout import CheckoutForm
from .cart import LINE_IMAGE_SIZES, variant_label
from .order_display import order_context
from .vendors_public import picture

ACTIONS = {"actualizar", "confirmar", "aceptar-precios"}


def _initial(details, user) -> dict:
    if details is None:
        if user.is_authenticated:
            return {"email": user.email, "first_name": user.first_name, "last_name": user.last_name}
        return {}
    return {
        "email": details.email,
        "first_name": details.first_name,
        "last_name": details.last_name,
        "phone": details.phone,
        "document_type": details.document_type,
        "document_number": details.document_number,
        "municipality": details.municipality.dane_code if details.municipality else "",
        "street_address": details.street_address,
        "address_details": details.address_details,
        "postal_code": details.postal_code,
        "accept_privacy_policy": details.privacy_accepted_at is not None,
        "accept_terms": details.terms_accepted_at is not None,
    }


def _render(request, checkout, form, *, status=200, tried=False):
    appointments = (checkout.details.appointment_dates if checkout.details else {}) or {}
    parts = []
    for part in checkout.parts:
        totals = checkout.totals.for_vendor(part.vendor.pk)
        parts.append(
            {
                "part": part,
                "vendor": part.vendor,
                "problems": checkout.problems_for(vendor_id=part.vendor.pk),
                "lines": [
                    {
                        "line": line,
                        "label": variant_label(line.variant),
                        "is_service": line.product.kind == "service",
                        "appointment": appointments.get(str(line.variant.pk), ""),
                        "image": picture(line.image, sizes=LINE_IMAGE_SIZES)
                        if line.image
                        else None,
                    }
                    for line in part.group.lines
                ],
                "totals": totals,
                "subtotal_display": format_cop(totals.subtotal),
                "delivery_display": format_cop(totals.delivery_fee)
                if totals.delivery_fee
                else _("Sin costo"),
            }
        )
    detail_problems = [p for p in checkout.problems if p.vendor_id is None]
    return render(
        request,
        "checkout/checkout.html",
        {
            "checkout": checkout,
            "form": form,
            "parts": parts,
            "price_changed": any(p.code == "price_changed" for p in checkout.problems),
            "detail_problems": detail_problems if tried else [],
            "tried": tried,
            "total_display": format_cop(checkout.totals.total),
            "vat": [
                {"rate": row.rate, "vat": format_cop(row.vat)}
                for row in checkout.totals.vat
                if row.vat
            ],
            "timeout": settings.ORDER_PAYMENT_TIMEOUT_MINUTES,
        },
        status=status,
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def checkout(request):
    cart = web.request_cart(request)
    summary = selectors.checkout_summary(cart)
    if cart is None or summary.summary.is_empty:
        messages.info(request, _("Tu carrito está vacío: agrega productos para comprar."))
        return redirect("cart:detail")
    if request.method != "POST":
        form = CheckoutForm(initial=_initial(summary.details, request.user))
        return _render(request, summary, form)

    form = CheckoutForm(request.POST)
    form.is_valid()  # every field is optional; the service judges the values
    action = request.POST.get("accion", "actualizar")
    action = action if action in ACTIONS else "actualizar"
    values = form.values()
    values["delivery_choices"] = {
        key.removeprefix("entrega-"): value
        for key, value in request.POST.items()
        if key.startswith("entrega-") and value in DeliveryMethod.values
    }
    values["appointment_dates"] = [
        (key.removeprefix("cita-"), value)
        for key, value in request.POST.items()
        if key.startswith("cita-")
    ]
    if action == "aceptar-precios":
        values = {"accept_price_changes": True}
    try:
        checkout_update(cart=cart, values=values)
    except ValidationError as exc:
        add_service_errors(form, exc)
        return _render(request, selectors.checkout_summary(cart), form, status=400, tried=True)
    if action == "confirmar":
        shown = request.POST.get("total_visto", "")
        total = selectors.checkout_summary(cart).totals.total
        if shown != str(total):
            # A delivery choice or address changed the total since the page was drawn: the
            # buyer sees the new total before confirming (no script recalculates it live).
            messages.info(
                request,
                _("Con la entrega que elegiste, el total es %(total)s. Revísalo y confirma.")
                % {"total": format_cop(total)},
            )
            return redirect("checkout:start")
    if action != "confirmar":
        if action == "aceptar-precios":
            messages.success(request, _("Tomamos los precios actuales."))
        return redirect("checkout:start")
    try:
        order = checkout_complete(token=cart.token, user=request.user)
    except ValidationError:
        summary = selectors.checkout_summary(cart)
        form = CheckoutForm(initial=_initial(summary.details, request.user))
        return _render(request, summary, form, status=400, tried=True)
    return redirect("checkout:order", token=order.token)


def _order_or_404(request, token):
    order = selectors.order_get_for_buyer(token=token, user=request.user)
    if order is None:
        raise Http404
    return order


@never_cache
@require_safe
def order_status(request, token):
    order = _order_or_404(request, token)
    return render(
        request,
        "checkout/order.html",
        order_context(order, complaints=selectors.complaints_for_order(order=order))
        | {"complaint_kinds": Complaint.Kind.choices},
    )


@require_POST
def order_retracto(request, token, part_id: int):
    order = _order_or_404(request, token)
    part = next((p for p in order.vendor_orders.all() if p.pk == part_id), None)
    if part is None:
        raise Http404
    try:
        aftercare.order_retracto_request(vendor_order=part, reason=request.POST.get("motivo", ""))
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(
            request,
            _(
                "Recibimos tu solicitud de retracto. %(vendor)s te indicará cómo devolver el producto."
            )
            % {"vendor": part.seller_name},
        )
    return redirect("checkout:order", token=order.token)


@require_POST
def order_complaint(request, token):
    order = _order_or_404(request, token)
    part_id = request.POST.get("negocio", "")
    part = next((p for p in order.vendor_orders.all() if str(p.pk) == part_id), None)
    try:
        complaint = aftercare.order_complaint_create(
            order=order,
            kind=request.POST.get("tipo", ""),
            message=request.POST.get("mensaje", ""),
            vendor_order=part,
        )
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Registramos tu caso %(case)s. El negocio y el equipo del programa lo verán.")
            % {"case": complaint.case_number},
        )
    return redirect("checkout:order", token=order.token)


@never_cache
@login_required
@require_safe
def order_history(request):
    orders = list(selectors.orders_for_user(user=request.user)[:50])
    return render(
        request,
        "checkout/history.html",
        {"orders": [order_context(order) for order in orders]},
    )
