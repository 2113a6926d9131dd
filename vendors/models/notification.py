from django.db import models
from django.utils.translation import gettext_lazy as _


class VendorNotification(models.Model):
    """A notice for a vendor's team in its dashboard (a moderation decision, for now).

    The text is stored as written when the event happened, so the notice keeps saying what the
    vendor was told even after the listing changes. It is read or unread for the whole team:
    one member marking it read is enough for the others not to act on it twice.
    """

    class Kind(models.TextChoices):
        LISTING_APPROVED = "listing_approved", _("Publicación aprobada")
        LISTING_REJECTED = "listing_rejected", _("Publicación rechazada")
        LISTING_TAKEN_DOWN = "listing_taken_down", _("Publicación retirada")
        REVISION_APPROVED = "revision_approved", _("Cambios aprobados")
        REVISION_REJECTED = "revision_rejected", _("Cambios rechazados")

    vendor = models.ForeignKey(
        "vendors.Vendor", on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    title = models.CharField(max_length=255)
    body = models.TextField(blank=True)
    # A path inside the site (the product in the dashboard), not an absolute URL.
    url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["vendor", "-created_at", "-id"], name="vendor_notice_list"),
            # The nav badge counts unread notices on every dashboard page.
            models.Index(
                fields=["vendor"],
                condition=models.Q(read_at__isnull=True),
                name="vendor_notice_unread",
            ),
        ]

    def __str__(self):
        return f"{self.vendor_id} {self.kind}: {self.title}"

    @property
    def is_unread(self) -> bool:
        return self.read_at is None

    @property
    def asks_for_changes(self) -> bool:
        """Whether the vendor has something to fix (its link then reads as a call to act)."""
        return self.kind not in {self.Kind.LISTING_APPROVED, self.Kind.REVISION_APPROVED}
