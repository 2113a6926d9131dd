"""After delivery: the buyer's retracto (Ley 1480 art. 47) and complaints (PQR).

The buyer is whoever holds the order (its signed-in owner, or a guest with its token link):
the caller finds the order through orders.selectors.order_get_for_buyer, which enforces that.
Retracto: requested within 5 Colombian business days of delivery, for goods not excluded
(perishable, hygiene, custom-made: Product.retracto_exclusion) and never for services already
provided; the vendor accepts once the goods are back, and the refund is due 15 calendar days
later (Ley 2439 de 2024)."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.models import StockMovement
from catalog.services.stock import stock_restore
from marketplace.core.audit import audit_record
from marketplace.core.errors import field_error
from marketplace.core.events import publish
from vendors.permissions import require_vendor_member

from ..business_days import business_days_after
from ..error_codes import OrderErrorCode
from ..events import ComplaintCreated, RetractoAccepted, RetractoRequested
from ..models import Complaint, Order, OrderLine, RetractoRequest, VendorOrder

RETRACTO_BUSINESS_DAYS = 5
REFUND_CALENDAR_DAYS = 15


def retracto_deadline(vendor_order: VendorOrder):
    """The last day a retracto may be requested, or None before delivery."""
    if vendor_order.delivered_at is None:
        return None
    delivered = timezone.localdate(vendor_order.delivered_at)
    return business_days_after(delivered, RETRACTO_BUSINESS_DAYS)


def retracto_lines(vendor_order: VendorOrder):
    """The lines a retracto covers: goods without an exclusion."""
    return OrderLine.objects.filter(vendor_order=vendor_order, kind="goods", retracto_exclusion="")


@transaction.atomic
def order_retracto_request(
    *, vendor_order: VendorOrder, reason: str = "", today=None
) -> RetractoRequest:
    locked = VendorOrder.objects.select_for_update().get(pk=vendor_order.pk)
    today = today or timezone.localdate()
    if locked.status != VendorOrder.Status.DELIVERED:
        raise field_error(
            "vendor_order",
            _("El retracto se pide después de recibir el pedido."),
            OrderErrorCode.INVALID_TRANSITION,
        )
    if RetractoRequest.objects.filter(vendor_order=locked).exists():
        raise field_error(
            "vendor_order",
            _("Ya pediste el retracto de esta compra."),
            OrderErrorCode.RETRACTO_EXISTS,
        )
    deadline = retracto_deadline(locked)
    if today > deadline:
        raise field_error(
            "vendor_order",
            _("El plazo para el retracto venció el %(date)s (5 días hábiles desde la entrega).")
            % {"date": deadline.strftime("%d/%m/%Y")},
            OrderErrorCode.RETRACTO_EXPIRED,
        )
    covered = list(retracto_lines(locked))
    if not covered:
        raise field_error(
            "vendor_order",
            _(
                "Lo que compraste no admite retracto (perecederos, uso personal, hechos a la "
                "medida o servicios ya prestados)."
            ),
            OrderErrorCode.RETRACTO_EXCLUDED,
        )
    try:
        with transaction.atomic():
            retracto = RetractoRequest.objects.create(
                vendor_order=locked,
                reason=" ".join(str(reason or "").split())[:1000],
                deadline=deadline,
                refund_amount=sum(line.line_total for line in covered),
            )
    except IntegrityError:  # a simultaneous request of the same part
        raise field_error(
            "vendor_order",
            _("Ya pediste el retracto de esta compra."),
            OrderErrorCode.RETRACTO_EXISTS,
        ) from None
    audit_record(
        actor=None, action="vendor_order.retracto_requested", target=locked, data={"reason": reason}
    )
    publish(RetractoRequested(vendor_order_id=locked.pk))
    return retracto


@transaction.atomic
def retracto_accept(*, retracto: RetractoRequest, by) -> RetractoRequest:
    """The vendor received the goods back: the refund becomes due in 15 calendar days."""
    require_vendor_member(by, retracto.vendor_order.vendor)
    locked = RetractoRequest.objects.select_for_update().get(pk=retracto.pk)
    if locked.status != RetractoRequest.Status.REQUESTED:
        raise field_error(
            "retracto", _("Este retracto ya fue aceptado."), OrderErrorCode.INVALID_TRANSITION
        )
    now = timezone.now()
    due = timezone.localdate(now) + timedelta(days=REFUND_CALENDAR_DAYS)
    RetractoRequest.objects.filter(pk=locked.pk).update(
        status=RetractoRequest.Status.ACCEPTED, accepted_at=now, accepted_by=by, refund_due_by=due
    )
    part = VendorOrder.objects.select_for_update().get(pk=locked.vendor_order_id)
    VendorOrder.objects.filter(pk=part.pk).update(
        refund_amount=part.refund_amount + locked.refund_amount,
        refund_status=VendorOrder.RefundStatus.DUE,
        refund_due_by=due,
    )
    covered = retracto_lines(part).filter(track_inventory=True).exclude(variant=None)
    stock_restore(
        lines=list(covered.values_list("variant_id", "quantity")),
        reason=StockMovement.Reason.RETURN,
        note=f"retracto {part.order.number}",
    )
    locked.refresh_from_db()
    audit_record(
        actor=by,
        action="vendor_order.retracto_accepted",
        target=part,
        data={"refund": locked.refund_amount, "due": due},
    )
    publish(RetractoAccepted(vendor_order_id=part.pk, refund_amount=locked.refund_amount))
    return locked


@transaction.atomic
def order_complaint_create(
    *, order: Order, kind: str, message: str, vendor_order: VendorOrder | None = None
) -> Complaint:
    """A PQR with a case number (PQR-000123), for the seller concerned (or every seller of the
    order) and programme staff."""
    message = str(message or "").strip()[:3000]
    errors = {}
    if kind not in Complaint.Kind.values:
        errors["kind"] = field_error(
            "kind", _("Elige petición, queja o reclamo."), OrderErrorCode.INVALID
        )
    if len(message) < 10:
        errors["message"] = field_error(
            "message", _("Cuéntanos qué pasó (al menos 10 caracteres)."), OrderErrorCode.REQUIRED
        )
    if vendor_order is not None and vendor_order.order_id != order.pk:
        errors["vendor_order"] = field_error(
            "vendor_order", _("Ese negocio no está en este pedido."), OrderErrorCode.NOT_FOUND
        )
    if errors:
        raise ValidationError({k: v.error_dict[k] for k, v in errors.items()})
    complaint = Complaint.objects.create(
        order=order, vendor_order=vendor_order, kind=kind, message=message
    )
    complaint.case_number = f"PQR-{complaint.pk:06d}"
    complaint.save(update_fields=["case_number"])
    audit_record(
        actor=None,
        action="order.complaint_created",
        target=order,
        data={"case": complaint.case_number, "kind": kind},
    )
    publish(ComplaintCreated(complaint_id=complaint.pk, order_id=order.pk))
    return complaint
