from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .order import Order, VendorOrder


class RetractoRequest(models.Model):
    """Ley 1480 art. 47: the buyer withdraws from a delivered purchase within five business
    days. The vendor accepts once the goods are back; the refund is then due in 15 days."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Solicitado")
        ACCEPTED = "accepted", _("Aceptado")

    vendor_order = models.OneToOneField(
        VendorOrder, on_delete=models.CASCADE, related_name="retracto"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.REQUESTED)
    reason = models.TextField(_("motivo"), max_length=1000, blank=True)
    requested_at = models.DateTimeField(auto_now_add=True)
    deadline = models.DateField(help_text="Last business day the request was allowed on.")
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    refund_amount = models.PositiveIntegerField(default=0)
    refund_due_by = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at"]

    def __str__(self):
        return f"retracto {self.vendor_order}"


class Complaint(models.Model):
    """A PQR (petición, queja o reclamo) about an order, with a traceable case number. It reaches
    the seller concerned (or every seller of the order) and programme staff."""

    class Kind(models.TextChoices):
        PETITION = "peticion", _("Petición")
        COMPLAINT = "queja", _("Queja")
        CLAIM = "reclamo", _("Reclamo")

    class Status(models.TextChoices):
        OPEN = "open", _("Abierto")
        CLOSED = "closed", _("Cerrado")

    # PQR-000123; assigned from the primary key right after insert.
    case_number = models.CharField(max_length=20, unique=True, null=True, blank=True)
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="complaints")
    vendor_order = models.ForeignKey(
        VendorOrder, null=True, blank=True, on_delete=models.CASCADE, related_name="complaints"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    message = models.TextField(_("mensaje"), max_length=3000)
    status = models.CharField(max_length=6, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return self.case_number or f"complaint {self.pk}"
