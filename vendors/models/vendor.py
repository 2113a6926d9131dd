"""A vendor: an enrolled business's account in the store, its public profile and its members."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Vendor(models.Model):
    class Status(models.TextChoices):
        PENDING_REVIEW = "pending_review", _("En revisión")
        ACTIVE = "active", _("Activo")
        REJECTED = "rejected", _("Rechazado")
        SUSPENDED = "suspended", _("Suspendido")
        CLOSED = "closed", _("Cerrado")

    # One store account per enrolled business: a NIT can be claimed once.
    enrollment = models.OneToOneField(
        "vendors.Enrollment", on_delete=models.PROTECT, related_name="vendor"
    )
    status = models.CharField(
        _("estado"), max_length=20, choices=Status.choices, default=Status.PENDING_REVIEW
    )
    status_reason = models.TextField(_("motivo"), blank=True)
    status_changed_at = models.DateTimeField(null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)

    display_name = models.CharField(_("nombre visible"), max_length=120)
    slug = models.SlugField(max_length=140, unique=True)
    short_description = models.CharField(_("descripción corta"), max_length=160, blank=True)
    description = models.TextField(_("descripción"), blank=True)
    # Re-encoded renditions (marketplace.core.images.StoredImage.as_json); {} when none.
    logo = models.JSONField(default=dict, blank=True)
    banner = models.JSONField(default=dict, blank=True)
    whatsapp = models.CharField(_("WhatsApp"), max_length=20, blank=True)
    website = models.URLField(_("sitio web"), blank=True)
    instagram = models.URLField(blank=True)
    facebook = models.URLField(blank=True)
    tiktok = models.URLField(blank=True)
    public_address = models.CharField(_("dirección pública"), max_length=255, blank=True)
    opening_hours = models.CharField(_("horario"), max_length=255, blank=True)
    offers_pickup = models.BooleanField(_("recogida en el local"), default=False)
    offers_delivery = models.BooleanField(_("domicilio"), default=False)
    vat_responsible = models.BooleanField(_("responsable de IVA"), default=False)
    # Ley 1480 art. 50: where the seller receives legal notices.
    notice_address = models.CharField(_("dirección de notificaciones"), max_length=255, blank=True)
    notice_phone = models.CharField(_("teléfono de notificaciones"), max_length=20, blank=True)
    notice_email = models.EmailField(_("correo de notificaciones"), blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["display_name"]
        verbose_name = _("vendedor")
        verbose_name_plural = _("vendedores")
        indexes = [models.Index(fields=["status", "display_name"])]

    def __str__(self):
        return self.display_name

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE


class DeliveryZone(models.Model):
    """A municipality the vendor delivers to, with its fee in whole pesos."""

    vendor = models.ForeignKey(Vendor, on_delete=models.CASCADE, related_name="delivery_zones")
    municipality = models.ForeignKey(
        "core.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    fee = models.PositiveIntegerField(_("costo de domicilio"))

    class Meta:
        ordering = ["municipality__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["vendor", "municipality"], name="one_fee_per_municipality"
            )
        ]

    def __str__(self):
        return f"{self.vendor_id} -> {self.municipality_id}: {self.fee}"


class VendorMembership(models.Model):
    class Role(models.TextChoices):
        OWNER = "owner", _("Propietario")
        STAFF = "staff", _("Equipo")

    vendor = models.ForeignKey(Vendor, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="vendor_memberships"
    )
    role = models.CharField(max_length=10, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["vendor__display_name"]
        constraints = [
            models.UniqueConstraint(fields=["vendor", "user"], name="one_membership_per_vendor")
        ]

    def __str__(self):
        return f"{self.user} · {self.vendor} ({self.role})"
