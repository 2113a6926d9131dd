import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class PaymentStatus(models.TextChoices):
    PENDING = "pending", _("Pendiente")
    APPROVED = "approved", _("Aprobado")
    DECLINED = "declined", _("Rechazado")
    VOIDED = "voided", _("Anulado")
    ERROR = "error", _("Con error")


class Payment(models.Model):
    """One attempt to collect an order through one gateway. Its status mirrors the provider's,
    re-read from the provider on every event; the order follows an approved payment whose amount
    and currency match it, and a mismatch is flagged for staff instead."""

    order = models.ForeignKey("orders.Order", on_delete=models.PROTECT, related_name="payments")
    gateway = models.CharField(_("pasarela"), max_length=20)
    # Our reference, sent to the provider and echoed back: unique per attempt.
    reference = models.CharField(max_length=64, unique=True)
    # The handle of the return page ("estamos confirmando tu pago"); never the order number.
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    amount = models.PositiveIntegerField(_("valor"))
    currency = models.CharField(max_length=3, default="COP")
    status = models.CharField(
        _("estado"), max_length=10, choices=PaymentStatus.choices, default=PaymentStatus.PENDING
    )
    provider_reference = models.CharField(max_length=100, blank=True, db_index=True)
    method = models.CharField(max_length=30, blank=True)
    action_type = models.CharField(max_length=20, blank=True)
    action_url = models.URLField(max_length=2000, blank=True)
    client_secret = models.CharField(max_length=255, blank=True)
    # What the provider reported when it differed from the order (staff must look).
    provider_amount = models.PositiveIntegerField(null=True, blank=True)
    provider_currency = models.CharField(max_length=3, blank=True)
    flagged = models.BooleanField(_("revisar"), default=False)
    flag_reason = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    finalized_at = models.DateTimeField(null=True, blank=True)
    checked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("pago")
        verbose_name_plural = _("pagos")
        indexes = [
            models.Index(fields=["status", "updated_at"]),
            models.Index(fields=["gateway", "provider_reference"]),
        ]
        permissions = [("manage_payments", "Can see payments, refunds and settlements (staff)")]

    def __str__(self):
        return self.reference


class RefundStatus(models.TextChoices):
    PENDING = "pending", _("En trámite")
    MANUAL = "manual", _("Por hacer a mano")
    DONE = "done", _("Reembolsado")
    FAILED = "failed", _("Fallido")


class Refund(models.Model):
    """Money going back to the buyer from an approved payment: a vendor's cancelled part, an
    accepted retracto or a staff decision. `key` names its cause, so each cause refunds once."""

    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, related_name="refunds")
    vendor_order = models.ForeignKey(
        "orders.VendorOrder",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="refunds",
    )
    key = models.CharField(max_length=100, unique=True)
    amount = models.PositiveIntegerField(_("valor"))
    status = models.CharField(
        _("estado"), max_length=10, choices=RefundStatus.choices, default=RefundStatus.PENDING
    )
    reason = models.CharField(_("motivo"), max_length=255, blank=True)
    provider_reference = models.CharField(max_length=100, blank=True)
    # Set by staff when they carry out a refund the gateway has no API for.
    staff_reference = models.CharField(max_length=100, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="refund_amount_positive")
        ]

    def __str__(self):
        return f"{self.payment} -{self.amount}"


class SimulatedCharge(models.Model):
    """The test gateway's own books: what a real provider would hold on its side, so the test
    gateway is fetched, refunded and reconciled exactly like the real ones."""

    charge_id = models.CharField(max_length=40, unique=True)
    reference = models.CharField(max_length=64, unique=True)
    amount = models.PositiveIntegerField()
    currency = models.CharField(max_length=3, default="COP")
    status = models.CharField(max_length=10, choices=PaymentStatus.choices)
    refunded = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return self.charge_id


class Settlement(models.Model):
    """A payout to a vendor for one paid vendor order, recorded by staff after the transfer
    (Wompi's third-party payouts or a bank transfer). Amounts are frozen when it is paid; until
    then a vendor order's share is computed from the current settings."""

    vendor_order = models.OneToOneField(
        "orders.VendorOrder", on_delete=models.PROTECT, related_name="settlement"
    )
    vendor = models.ForeignKey("vendors.Vendor", on_delete=models.PROTECT, related_name="+")
    gross = models.PositiveIntegerField()
    commission = models.PositiveIntegerField()
    gateway_fee = models.PositiveIntegerField()
    net = models.PositiveIntegerField()
    reference = models.CharField(_("referencia del pago"), max_length=100)
    paid_at = models.DateTimeField()
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-paid_at", "-id"]

    def __str__(self):
        return f"{self.vendor_order} {self.net}"
