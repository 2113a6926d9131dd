from django.db import models
from django.utils.translation import gettext_lazy as _

from .cart import Cart


class DocumentType(models.TextChoices):
    CC = "CC", _("Cédula de ciudadanía")
    CE = "CE", _("Cédula de extranjería")
    NIT = "NIT", _("NIT")
    PP = "PP", _("Pasaporte")
    TI = "TI", _("Tarjeta de identidad")
    PPT = "PPT", _("Permiso por protección temporal")


class DeliveryMethod(models.TextChoices):
    PICKUP = "pickup", _("Recoger en el local")
    DELIVERY = "delivery", _("Domicilio")
    # A part made only of services: nothing travels.
    NONE = "none", _("Sin envío (servicio)")


class CheckoutDetails(models.Model):
    """What the buyer tells us at checkout, kept beside the cart it completes: the checkout is
    the cart (its lines, found by its token) plus these details. Lines are never copied here."""

    cart = models.OneToOneField(
        Cart, on_delete=models.CASCADE, primary_key=True, related_name="checkout"
    )
    email = models.EmailField(_("correo"), blank=True)
    first_name = models.CharField(_("nombres"), max_length=100, blank=True)
    last_name = models.CharField(_("apellidos"), max_length=100, blank=True)
    phone = models.CharField(_("teléfono"), max_length=20, blank=True)
    document_type = models.CharField(
        _("tipo de documento"), max_length=3, choices=DocumentType.choices, blank=True
    )
    document_number = models.CharField(_("número de documento"), max_length=20, blank=True)
    municipality = models.ForeignKey(
        "core.Municipality", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    street_address = models.CharField(_("dirección"), max_length=200, blank=True)
    address_details = models.CharField(_("detalles de la dirección"), max_length=200, blank=True)
    postal_code = models.CharField(_("código postal"), max_length=6, blank=True)
    # {"<vendor id>": "pickup" | "delivery"}
    delivery_choices = models.JSONField(default=dict, blank=True)
    # {"<variant id>": "YYYY-MM-DD"}: a date the buyer proposes for a fixed-price service.
    appointment_dates = models.JSONField(default=dict, blank=True)
    privacy_policy_version = models.CharField(max_length=20, blank=True)
    privacy_accepted_at = models.DateTimeField(null=True, blank=True)
    terms_accepted_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("datos de compra")
        verbose_name_plural = _("datos de compra")

    def __str__(self):
        return f"checkout of cart {self.cart_id}"
