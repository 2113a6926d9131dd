"""Proof of ownership when claiming a vendor account, and staff invitations."""

from django.conf import settings
from django.db import models


class VendorClaim(models.Model):
    """A six-digit code emailed to the roster's contact address. Only its hash is stored.

    Every application leaves one, whatever the NIT: when no code was sent (unknown NIT, business
    already claimed or withdrawn, or its mailbox already told within the window) the hash is of
    a secret nobody holds, so the code step answers alike and reveals nothing."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="vendor_claims"
    )
    enrollment = models.ForeignKey(
        "vendors.Enrollment", on_delete=models.CASCADE, related_name="claims", null=True
    )
    # The business's mailbox was written to for this claim: the dedupe window keys on it.
    notified = models.BooleanField(default=False)
    code_hash = models.CharField(max_length=128)
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    consumed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"claim {self.enrollment_id} by {self.user_id}"


class VendorInvitation(models.Model):
    vendor = models.ForeignKey(
        "vendors.Vendor", on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField()
    token_hash = models.CharField(max_length=128, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"invitation to {self.email} for vendor {self.vendor_id}"
