"""Every moderation decision leaves one notice in the vendor's dashboard, written in the same
transaction as the decision (no decision, no notice), while the emails still wait for commit."""

import pytest
from django.urls import reverse

from catalog.models import ModerationCase
from catalog.services.moderation import listing_approve, listing_reject, listing_takedown
from catalog.services.products import product_submit_for_review
from tests.factories import ProductFactory, VariantFactory
from vendors.models import VendorNotification


@pytest.fixture
def submitted(vendor, vendor_owner):
    product = ProductFactory(
        vendor=vendor, name="Camiseta estampada", status="draft", published_at=None, photo=True
    )
    VariantFactory(product=product)
    product_submit_for_review(product=product, submitted_by=vendor_owner)
    return product


def test_rejection_leaves_one_notice_with_reason_message_and_link(submitted, moderator, vendor):
    listing_reject(
        product=submitted,
        moderator=moderator,
        reason="price_error",
        message="El precio no incluye el IVA.",
    )
    notice = VendorNotification.objects.get()
    assert notice.vendor == vendor and notice.kind == "listing_rejected"
    assert notice.title == "Rechazamos «Camiseta estampada»: Error en el precio"
    assert "Error en el precio" in notice.body
    assert "El precio no incluye el IVA." in notice.body
    assert "envíalo de nuevo a revisión" in notice.body
    assert notice.url == reverse("vendors:product_edit", args=[submitted.pk])
    assert notice.read_at is None and notice.asks_for_changes


def test_approval_and_takedown_each_leave_their_notice(submitted, moderator):
    listing_approve(product=submitted, moderator=moderator)
    listing_takedown(
        product=submitted,
        moderator=moderator,
        reason="misleading_information",
        message="La foto no corresponde al producto.",
    )
    approved, taken_down = VendorNotification.objects.order_by("created_at", "id")
    assert approved.kind == "listing_approved" and not approved.asks_for_changes
    assert approved.title == "Publicamos «Camiseta estampada»"
    assert taken_down.kind == "listing_taken_down"
    assert "Información engañosa" in taken_down.title
    assert "La foto no corresponde al producto." in taken_down.body


def test_notice_is_written_in_the_site_language_whatever_the_moderator_browses_in(
    submitted, moderator
):
    from django.utils import translation

    with translation.override("en"):
        listing_reject(product=submitted, moderator=moderator, reason="duplicate", message="X")
    assert VendorNotification.objects.get().title.startswith("Rechazamos «")


def test_a_decision_that_fails_leaves_no_notice(submitted, moderator, monkeypatch):
    def broken(event):
        raise RuntimeError("index unavailable")

    # Fails after the notice was written, inside the decision's transaction.
    monkeypatch.setattr("catalog.services.moderation.publish", broken)
    with pytest.raises(RuntimeError):
        listing_reject(product=submitted, moderator=moderator, reason="other", message="Revisa.")
    submitted.refresh_from_db()
    assert submitted.status == "in_review"
    assert not VendorNotification.objects.exists()
    assert not ModerationCase.objects.filter(decided_at__isnull=False).exists()


def test_a_refused_decision_leaves_no_notice(submitted, moderator, vendor_owner):
    from django.core.exceptions import PermissionDenied, ValidationError

    with pytest.raises(ValidationError):
        listing_reject(product=submitted, moderator=moderator, reason="", message="")
    with pytest.raises(PermissionDenied):
        listing_approve(product=submitted, moderator=vendor_owner)
    assert not VendorNotification.objects.exists()


def test_notice_exists_at_once_and_the_email_still_waits_for_commit(
    submitted, moderator, vendor_owner, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        listing_reject(
            product=submitted,
            moderator=moderator,
            reason="poor_or_missing_images",
            message="Sube al menos una foto.",
        )
    assert VendorNotification.objects.count() == 1
    assert mailoutbox == []
    for callback in callbacks:
        callback()
    assert [m.to for m in mailoutbox] == [[vendor_owner.email]]
    assert "Sube al menos una foto." in mailoutbox[0].body
