import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .checkout import DeliveryMethod, DocumentType


class Order(models.Model):
    """One purchase across any number of businesses. Its buyer, address and totals are copied
    from the checkout when placed, so nothing edited later (a profile, a price) changes it."""

    class Status(models.TextChoices):
        AWAITING_PAYMENT = "awaiting_payment", _("Esperando el pago")
        PAID = "paid", _("Pagado")
        COMPLETED = "completed", _("Completado")
        EXPIRED = "expired", _("Vencido")
        CANCELLED = "cancelled", _("Cancelado")

    # TV-000123; assigned from the primary key right after insert.
    number = models.CharField(_("número"), max_length=20, unique=True, null=True, blank=True)
    # The guest's key to the order's status page: unguessable, never derived from the number.
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # The cart token the checkout was completed with: a second completion finds this order.
    checkout_token = models.UUIDField(unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="orders",
    )
    status = models.CharField(
        _("estado"), max_length=20, choices=Status.choices, default=Status.AWAITING_PAYMENT
    )
    email = models.EmailField(_("correo"))
    first_name = models.CharField(_("nombres"), max_length=100)
    last_name = models.CharField(_("apellidos"), max_length=100)
    phone = models.CharField(_("teléfono"), max_length=20)
    document_type = models.CharField(max_length=3, choices=DocumentType.choices)
    document_number = models.CharField(max_length=20)
    municipality = models.ForeignKey(
        "core.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    municipality_name = models.CharField(max_length=100)
    department_name = models.CharField(max_length=100)
    street_address = models.CharField(max_length=200)
    address_details = models.CharField(max_length=200, blank=True)
    postal_code = models.CharField(max_length=6, blank=True)
    privacy_policy_version = models.CharField(max_length=20)
    privacy_accepted_at = models.DateTimeField()
    terms_accepted_at = models.DateTimeField()
    subtotal = models.PositiveIntegerField()
    delivery_total = models.PositiveIntegerField()
    total = models.PositiveIntegerField()
    # [{"rate": 19, "base": 84034, "vat": 15966}, ...]: the IVA contained in the total.
    vat_breakdown = models.JSONField(default=list)
    expires_at = models.DateTimeField()
    # True once the order's allocations went back to stock (expiry or cancellation): the
    # release runs exactly once even when two jobs race.
    stock_released = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    paid_at = models.DateTimeField(null=True, blank=True)
    payment_reference = models.CharField(max_length=100, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    close_reason = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("pedido")
        verbose_name_plural = _("pedidos")
        indexes = [
            models.Index(fields=["status", "expires_at"]),
            models.Index(fields=["user", "-created_at"]),
        ]
        permissions = [("manage_orders", "Can see every order and move it on (staff)")]

    def __str__(self):
        return self.number or f"order {self.pk}"

    @property
    def buyer_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class VendorOrder(models.Model):
    """One business's part of an order: its lines, delivery and fulfilment, and a copy of the
    seller's legal details (Ley 1480 art. 50) as they were when the order was placed."""

    class Status(models.TextChoices):
        AWAITING_PAYMENT = "awaiting_payment", _("Esperando el pago")
        TO_FULFIL = "to_fulfil", _("Por preparar")
        SHIPPED = "shipped", _("Enviado")
        READY_FOR_PICKUP = "ready_for_pickup", _("Listo para recoger")
        DELIVERED = "delivered", _("Entregado")
        CANCELLED = "cancelled", _("Cancelado")

    class RefundStatus(models.TextChoices):
        NONE = "", _("Sin reembolso")
        DUE = "due", _("Reembolso pendiente")
        DONE = "done", _("Reembolsado")

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="vendor_orders")
    vendor = models.ForeignKey("vendors.Vendor", on_delete=models.PROTECT, related_name="orders")
    status = models.CharField(
        _("estado"), max_length=20, choices=Status.choices, default=Status.AWAITING_PAYMENT
    )
    delivery_method = models.CharField(max_length=10, choices=DeliveryMethod.choices)
    delivery_fee = models.PositiveIntegerField(default=0)
    subtotal = models.PositiveIntegerField()
    total = models.PositiveIntegerField()
    vat_breakdown = models.JSONField(default=list)
    seller_name = models.CharField(max_length=120)
    seller_legal_name = models.CharField(max_length=255)
    seller_nit = models.CharField(max_length=15)
    seller_vat_responsible = models.BooleanField(default=False)
    seller_notice_address = models.CharField(max_length=255, blank=True)
    seller_notice_phone = models.CharField(max_length=20, blank=True)
    seller_notice_email = models.EmailField(blank=True)
    seller_pickup_address = models.CharField(max_length=255, blank=True)
    carrier = models.CharField(_("transportadora"), max_length=100, blank=True)
    tracking_code = models.CharField(_("número de guía"), max_length=100, blank=True)
    shipped_at = models.DateTimeField(null=True, blank=True)
    ready_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.CharField(_("motivo de la cancelación"), max_length=500, blank=True)
    refund_amount = models.PositiveIntegerField(default=0)
    refund_status = models.CharField(
        max_length=4, choices=RefundStatus.choices, blank=True, default=RefundStatus.NONE
    )
    refund_due_by = models.DateField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["order_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["order", "vendor"], name="one_part_per_vendor")
        ]
        indexes = [models.Index(fields=["vendor", "status", "-id"])]

    def __str__(self):
        return f"{self.order} · {self.seller_name}"


class OrderLine(models.Model):
    """A line as sold: name, price and IVA rate copied from the catalogue at placement."""

    vendor_order = models.ForeignKey(VendorOrder, on_delete=models.CASCADE, related_name="lines")
    variant = models.ForeignKey(
        "catalog.ProductVariant", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    product_name = models.CharField(max_length=150)
    variant_name = models.CharField(max_length=200, blank=True)
    sku = models.CharField(max_length=64)
    kind = models.CharField(max_length=10)
    quantity = models.PositiveIntegerField()
    unit_price = models.PositiveIntegerField()
    line_total = models.PositiveIntegerField()
    tax_class = models.CharField(max_length=10)
    # None: no IVA (excluded goods, or a seller not responsible for IVA).
    vat_rate = models.PositiveSmallIntegerField(null=True, blank=True)
    vat_amount = models.PositiveIntegerField(default=0)
    # Ley 1480 art. 47 exclusions (perishable, hygiene, custom-made) as flagged on the product.
    retracto_exclusion = models.CharField(max_length=12, blank=True)
    # Whether the variant's stock was tracked when sold: only such lines allocated units.
    track_inventory = models.BooleanField(default=True)
    appointment_date = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="order_line_quantity_positive")
        ]

    def __str__(self):
        return f"{self.quantity} x {self.product_name}"
