from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ModerationCase(models.Model):
    """One item in the moderation queue: a submitted listing waiting for a decision, and the
    decision once taken. Takedowns of live listings are cases decided at once."""

    class Kind(models.TextChoices):
        SUBMISSION = "submission", _("Publicación nueva")
        TAKEDOWN = "takedown", _("Retiro")
        # A change to a live listing: a pending revision, a large price change, or both.
        REVISION = "revision", _("Cambio en publicación")

    class Decision(models.TextChoices):
        APPROVED = "approved", _("Aprobada")
        REJECTED = "rejected", _("Rechazada")
        TAKEN_DOWN = "taken_down", _("Retirada")
        WITHDRAWN = "withdrawn", _("Retirada por el vendedor")

    class Reason(models.TextChoices):
        PROHIBITED_ITEM = "prohibited_item", _("Producto prohibido")
        MISLEADING = "misleading_information", _("Información engañosa")
        POOR_IMAGES = "poor_or_missing_images", _("Imágenes deficientes o ausentes")
        WRONG_CATEGORY = "wrong_category", _("Categoría equivocada")
        MISSING_LEGAL = "missing_legal_information", _("Falta información legal")
        PRICE_ERROR = "price_error", _("Error en el precio")
        DUPLICATE = "duplicate", _("Duplicado")
        OTHER = "other", _("Otro")

    product = models.ForeignKey(
        "catalog.Product", on_delete=models.CASCADE, related_name="moderation_cases"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.SUBMISSION)
    revision = models.ForeignKey(
        "catalog.ProductRevision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cases",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(auto_now_add=True, db_index=True)
    # Automatic checks: hints for the moderator, never verdicts.
    flags = models.JSONField(default=list, blank=True)
    decision = models.CharField(max_length=12, choices=Decision.choices, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True, db_index=True)
    reason = models.CharField(max_length=30, choices=Reason.choices, blank=True)
    message = models.TextField(blank=True)

    class Meta:
        ordering = ["submitted_at", "id"]
        indexes = [
            # The queue: open cases, oldest first. Decided cases pile up for ever; this index
            # holds only the open ones, already in queue order, so a page never walks past the
            # decided history nor sorts the whole queue.
            models.Index(
                fields=["submitted_at", "id"],
                condition=models.Q(decided_at__isnull=True),
                name="moderation_queue_open",
            )
        ]
        constraints = [
            # At most one open case per listing: the queue cannot hold it twice.
            models.UniqueConstraint(
                fields=["product"],
                condition=models.Q(decided_at__isnull=True),
                name="one_open_case_per_product",
            )
        ]

    def __str__(self):
        return f"{self.product_id} {self.kind} {self.decision or 'pending'}"
