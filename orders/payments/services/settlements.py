"""Recording a payout to a vendor (staff, after the transfer)."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.core.audit import audit_record
from marketplace.core.errors import field_error
from marketplace.core.permissions import require_perm

from ...models import VendorOrder
from ..error_codes import PaymentErrorCode
from ..models import Settlement
from ..settlements import MANAGE, settlement_row


@transaction.atomic
def settlement_mark_paid(*, vendor_order: VendorOrder, by, reference: str) -> Settlement:
    require_perm(by, MANAGE)
    reference = " ".join(str(reference or "").split())[:100]
    if not reference:
        raise field_error(
            "reference",
            _("Escribe la referencia de la transferencia o del trámite."),
            PaymentErrorCode.REFERENCE_REQUIRED,
        )
    locked = VendorOrder.objects.select_for_update().get(pk=vendor_order.pk)
    row = settlement_row(vendor_order=locked)
    if row is None:
        raise field_error(
            "vendorOrder",
            _("Esta parte del pedido no está pagada: no hay nada que liquidar."),
            PaymentErrorCode.INVALID,
        )
    if row.settlement is not None:
        raise field_error(
            "vendorOrder",
            _("Esta liquidación ya se pagó."),
            PaymentErrorCode.SETTLEMENT_ALREADY_PAID,
        )
    try:
        with transaction.atomic():
            settlement = Settlement.objects.create(
                vendor_order=locked,
                vendor_id=locked.vendor_id,
                gross=row.amounts.gross,
                commission=row.amounts.commission,
                gateway_fee=row.amounts.gateway_fee,
                net=row.amounts.net,
                reference=reference,
                paid_at=timezone.now(),
                paid_by=by,
            )
    except IntegrityError:
        raise field_error(
            "vendorOrder",
            _("Esta liquidación ya se pagó."),
            PaymentErrorCode.SETTLEMENT_ALREADY_PAID,
        ) from None
    audit_record(
        actor=by,
        action="vendor_order.settled",
        target=locked,
        data={"net": settlement.net, "reference": reference},
    )
    return settlement
