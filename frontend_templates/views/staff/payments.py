"""Payments console: refunds still owed to buyers (with their legal deadline) and payments the
ledger flagged or could not settle. The pages only show and post; the selectors and services
check the staff permission again."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from marketplace.core.money import format_cop
from marketplace.core.numbers import ascii_int
from orders.payments.gateways import LABELS
from orders.payments.services import refund_mark_done, refund_request
from orders.payments.staff_queues import (
    MANAGE,
    Attention,
    payment_get_for_staff,
    payments_needing_attention,
    refund_get_for_staff,
    refunds_due_for_staff,
)

from .access import staff_view

REASONS = {
    Attention.AMOUNT_MISMATCH: gettext_lazy(
        "La pasarela aprobó un valor o una moneda distinta a la del pedido: el pedido no se "
        "marcó como pagado."
    ),
    Attention.PAID_TWICE: gettext_lazy("El pedido ya estaba pagado con otro pago: devuélvelo."),
    Attention.AFTER_CLOSE: gettext_lazy(
        "Se aprobó después de que el pedido venció o se canceló: devuélvelo."
    ),
    Attention.FLAGGED: gettext_lazy("La pasarela informó algo que no cuadra con el pedido."),
    Attention.STUCK_PENDING: gettext_lazy(
        "Sigue pendiente después del plazo para pagar: la pasarela no lo ha confirmado ni "
        "rechazado."
    ),
}


@require_safe
@staff_view(MANAGE)
def refunds_due(request):
    rows = refunds_due_for_staff(user=request.user)
    return render(
        request,
        "staff/refunds_due.html",
        {
            "rows": rows,
            "total": sum(row.refund.amount for row in rows),
            "overdue": sum(1 for row in rows if row.overdue),
        },
    )


@require_POST
@staff_view(MANAGE)
def refund_done(request, refund_id: int):
    refund = refund_get_for_staff(user=request.user, refund_id=refund_id)
    if refund is None:
        raise Http404
    try:
        refund_mark_done(refund=refund, by=request.user, reference=request.POST.get("referencia"))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Registramos el reembolso de %(amount)s del pedido %(order)s.")
            % {"amount": format_cop(refund.amount), "order": refund.payment.order.number},
        )
    return redirect("staff:refunds_due")


@require_safe
@staff_view(MANAGE)
def payments_attention(request):
    rows = [
        {"row": row, "reason": REASONS[row.reason], "gateway": LABELS.get(row.payment.gateway)}
        for row in payments_needing_attention(user=request.user)
    ]
    return render(request, "staff/payments_attention.html", {"rows": rows})


@require_POST
@staff_view(MANAGE)
def payment_refund(request, payment_id: int):
    """Give back what is left of a flagged payment (paid twice, or after the order closed)."""
    payment = payment_get_for_staff(user=request.user, payment_id=payment_id)
    if payment is None:
        raise Http404
    raw = request.POST.get("valor", "")
    try:
        refund = refund_request(
            payment=payment,
            amount=ascii_int(raw, max_digits=9) or 0,
            by=request.user,
            reason=_("Pago que el pedido no necesitaba"),
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Reembolso de %(amount)s: %(status)s.")
            % {"amount": format_cop(refund.amount), "status": refund.get_status_display()},
        )
    return redirect("staff:payments_attention")
