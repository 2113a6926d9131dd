import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Cart(models.Model):
    """What a shopper means to buy, across any number of businesses. A signed-in user has one
    cart; an anonymous visitor's cart is found by a random token kept in their session, and is
    merged into the user's cart when they sign in."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="cart",
    )
    # Random, so a session cannot guess its way into another visitor's cart.
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("carrito")
        verbose_name_plural = _("carritos")

    def __str__(self):
        return f"cart {self.pk} ({self.user_id or 'anonymous'})"


class CartLine(models.Model):
    cart = models.ForeignKey(Cart, on_delete=models.CASCADE, related_name="lines")
    variant = models.ForeignKey(
        "catalog.ProductVariant", on_delete=models.CASCADE, related_name="+"
    )
    quantity = models.PositiveIntegerField(_("cantidad"))
    # The unit price the shopper was shown when choosing the line: a price that changes before
    # the order is placed is put to the shopper again, never silently applied.
    price_seen = models.PositiveIntegerField(null=True, blank=True)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at", "id"]
        verbose_name = _("línea del carrito")
        verbose_name_plural = _("líneas del carrito")
        constraints = [
            models.UniqueConstraint(fields=["cart", "variant"], name="one_line_per_variant"),
            models.CheckConstraint(condition=Q(quantity__gt=0), name="cart_quantity_positive"),
        ]

    def __str__(self):
        return f"{self.quantity} x {self.variant_id}"
