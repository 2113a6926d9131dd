"""Payment pages: the return page ("estamos confirmando tu pago"), a retry after a decline, the
Stripe Payment Element page, and the test gateway's simulated checkout. Plain forms; the return
page refreshes itself until the provider's event lands, so no script is needed."""

import contextlib

from csp.decorators import csp_update
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from orders.payments import selectors
from orders.payments.gateways.base import ActionType, GatewayError
from orders.payments.gateways.simulated import Decision
from orders.payments.models import PaymentStatus
from orders.payments.services import payment_refresh, payment_simulate, payment_start
from orders.selectors import order_get_for_buyer

REFRESH_SECONDS = 5
# What Stripe.js and its Payment Element load, frame and call; only on the Stripe page.
STRIPE_CSP = {
    "script-src": ["https://js.stripe.com", "https://*.js.stripe.com"],
    "frame-src": ["https://js.stripe.com", "https://*.js.stripe.com", "https://hooks.stripe.com"],
    "connect-src": ["https://api.stripe.com"],
}


def _payment_or_404(request, token):
    payment = selectors.payment_get_for_buyer(token=token, user=request.user)
    if payment is None:
        raise Http404
    return payment


def _next(payment):
    if payment.action_type == ActionType.CLIENT_SECRET:
        return redirect("payments:stripe", token=payment.token)
    if payment.action_type == ActionType.REDIRECT and payment.action_url:
        return redirect(payment.action_url)
    return redirect("payments:return", token=payment.token)


@never_cache
@require_http_methods(["GET", "HEAD"])
def payment_return(request, token):
    payment = _payment_or_404(request, token)
    provider_id = request.GET.get("id", "")[:100]  # Wompi sends the buyer back with its id
    if payment.status == PaymentStatus.PENDING and provider_id:
        # A gateway that does not answer now leaves it to the event or the reconciliation job.
        with contextlib.suppress(GatewayError):
            payment = payment_refresh(payment=payment, provider_reference=provider_id)
    order = payment.order
    pending = payment.status == PaymentStatus.PENDING and order.status == "awaiting_payment"
    context = {
        "payment": payment,
        "order": order,
        "pending": pending,
        "paid": order.payment_reference == payment.reference and order.status != "awaiting_payment",
        "can_retry": payment.status
        in (PaymentStatus.DECLINED, PaymentStatus.ERROR, PaymentStatus.VOIDED)
        and order.status == "awaiting_payment",
    }
    response = render(request, "payments/return.html", context)
    if pending:
        # The page updates itself when the provider's event lands, without any script.
        response["Refresh"] = str(REFRESH_SECONDS)
    return response


@require_POST
def order_pay(request, token):
    order = order_get_for_buyer(token=token, user=request.user)
    if order is None:
        raise Http404
    try:
        payment = payment_start(order=order, gateway=request.POST.get("pasarela", "")[:20])
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return redirect("checkout:order", token=order.token)
    return _next(payment)


@require_POST
def payment_retry(request, token):
    payment = _payment_or_404(request, token)
    try:
        fresh = payment_start(order=payment.order, gateway=payment.gateway)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return redirect("payments:return", token=payment.token)
    return _next(fresh)


@never_cache
@csp_update(STRIPE_CSP)
@require_http_methods(["GET", "HEAD"])
def payment_stripe(request, token):
    payment = _payment_or_404(request, token)
    if payment.gateway != "stripe" or payment.status != PaymentStatus.PENDING:
        return redirect("payments:return", token=payment.token)
    context = {
        "payment": payment,
        "order": payment.order,
        "publishable_key": settings.STRIPE_PUBLISHABLE_KEY,
        "return_url": request.build_absolute_uri(
            redirect("payments:return", token=payment.token).url
        ),
    }
    return render(request, "payments/stripe.html", context)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def test_checkout(request, charge_id):
    if "test" not in settings.PAYMENT_GATEWAYS:
        raise Http404
    found = selectors.simulated_charge_get(charge_id=charge_id)
    if found is None:
        raise Http404
    charge, payment = found
    if request.method == "POST":
        decision = request.POST.get("decision", "")
        if decision not in (Decision.APPROVE, Decision.DECLINE, Decision.PENDING):
            messages.error(request, _("Elige una de las tres opciones."))
            return redirect("payments:test_checkout", charge_id=charge.charge_id)
        payment_simulate(payment=payment, decision=decision)
        return redirect("payments:return", token=payment.token)
    return render(
        request,
        "payments/test_checkout.html",
        {"charge": charge, "payment": payment, "order": payment.order},
    )
