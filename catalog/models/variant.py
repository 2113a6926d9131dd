from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class ProductVariant(models.Model):
    """A sellable unit with its price in whole pesos (taxes included) and its stock."""

    product = models.ForeignKey(
        "catalog.Product", on_delete=models.CASCADE, related_name="variants"
    )
    # Denormalised from the product so the database can enforce "SKU unique per vendor".
    vendor = models.ForeignKey("vendors.Vendor", on_delete=models.PROTECT, related_name="+")
    sku = models.CharField(_("referencia (SKU)"), max_length=64)
    name = models.CharField(_("nombre"), max_length=150, blank=True)
    # Ordered [name, value] pairs, e.g. [["talla", "M"], ["color", "Rojo"]].
    options = models.JSONField(_("opciones"), default=list, blank=True)
    price = models.PositiveIntegerField(_("precio"))
    compare_at_price = models.PositiveIntegerField(_("precio antes"), null=True, blank=True)
    track_inventory = models.BooleanField(_("controlar inventario"), default=True)
    stock_quantity = models.IntegerField(_("existencias"), default=0)
    allocated_quantity = models.IntegerField(_("reservadas"), default=0)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["vendor", "sku"], name="sku_unique_per_vendor"),
            models.CheckConstraint(condition=Q(stock_quantity__gte=0), name="stock_not_negative"),
            models.CheckConstraint(
                condition=Q(allocated_quantity__gte=0)
                & Q(allocated_quantity__lte=F("stock_quantity")),
                name="allocation_within_stock",
            ),
        ]

    def __str__(self):
        return f"{self.product} · {self.name or self.sku}"

    @property
    def option_pairs(self) -> list[tuple[str, str]]:
        if isinstance(self.options, dict):
            return list(self.options.items())
        return [(name, value) for name, value in self.options or []]

    @property
    def quantity_available(self) -> int:
        return max(self.stock_quantity - self.allocated_quantity, 0)


class StockMovement(models.Model):
    """Every change of stock, so each unit is accounted for. Append-only by convention."""

    class Reason(models.TextChoices):
        INITIAL = "initial", _("Inventario inicial")
        MANUAL = "manual", _("Ajuste manual")
        SALE = "sale", _("Venta")
        CANCELLATION = "cancellation", _("Cancelación")
        RETURN = "return", _("Devolución")
        IMPORT = "import", _("Importación")

    variant = models.ForeignKey(ProductVariant, on_delete=models.CASCADE, related_name="movements")
    delta = models.IntegerField()
    quantity_after = models.IntegerField()
    reason = models.CharField(max_length=15, choices=Reason.choices)
    note = models.CharField(max_length=255, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.variant_id} {self.delta:+d} ({self.reason})"
