from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ProductRevision(models.Model):
    """Edits to a published listing's moderated fields, waiting for a moderator. The live
    listing stays as it was until the revision is approved, then takes its values at once.

    `changes` holds only the fields that differ from the live listing, in the form the services
    read: plain values, the category's id, municipality slugs, and for images the proposed
    order as [{"id": ProductImage pk, "alt": text}] (new photos are staged ProductImage rows
    pointing at this revision). `base` keeps the live values of those fields as they were when
    the vendor proposed them, so the moderator's diff shows what the vendor saw.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("En revisión")
        APPROVED = "approved", _("Aprobada")
        REJECTED = "rejected", _("Rechazada")
        WITHDRAWN = "withdrawn", _("Descartada")

    product = models.ForeignKey(
        "catalog.Product", on_delete=models.CASCADE, related_name="revisions"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    changes = models.JSONField(default=dict, blank=True)
    base = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["product"],
                condition=models.Q(status="pending"),
                name="one_pending_revision_per_product",
            )
        ]

    def __str__(self):
        return f"{self.product_id} revision {self.status}"
