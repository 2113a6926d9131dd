import threading

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from catalog.models import ModerationCase, Product
from catalog.selectors import ModerationFilters, moderation_queue
from catalog.services.moderation import listing_approve, listing_reject, listing_takedown
from catalog.services.products import product_submit_for_review
from marketplace.accounts.roles import Role
from marketplace.core.models import AuditEvent
from tests.factories import ProductFactory, UserFactory, VariantFactory, VendorMembershipFactory


@pytest.fixture
def submitted(vendor, vendor_owner):
    product = ProductFactory(
        vendor=vendor, status="draft", published_at=None, description="Corta", photo=True
    )
    VariantFactory(product=product)
    product_submit_for_review(product=product, submitted_by=vendor_owner)
    return product


def test_submission_opens_a_case_with_automatic_flags(submitted, vendor_owner):
    case = ModerationCase.objects.get(product=submitted)
    assert case.submitted_by == vendor_owner and case.decided_at is None
    assert {f["code"] for f in case.flags} == {"short_description"}


def test_prohibited_words_and_near_duplicates_are_flagged(vendor, vendor_owner):
    ProductFactory(vendor=vendor, name="Arepa de chócolo con queso")
    product = ProductFactory(
        vendor=vendor,
        name="Arepa de chocolo con quesito",
        status="draft",
        description="Réplica exacta de la receta de la abuela, hecha con maíz.",
        photo=True,
    )
    VariantFactory(product=product)
    product_submit_for_review(product=product, submitted_by=vendor_owner)
    codes = {f["code"] for f in ModerationCase.objects.get(product=product).flags}
    assert {"prohibited_words", "near_duplicate"} <= codes


def test_approve_publishes_and_notifies_after_commit(
    submitted, moderator, vendor_owner, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        listing_approve(product=submitted, moderator=moderator)
    assert mailoutbox == []  # nothing is sent before the decision commits
    for callback in callbacks:
        callback()
    assert [m.to for m in mailoutbox] == [[vendor_owner.email]]
    submitted.refresh_from_db()
    case = ModerationCase.objects.get(product=submitted)
    assert (
        submitted.status == "published"
        and case.decision == "approved"
        and case.decided_by == moderator
    )
    assert AuditEvent.objects.filter(
        action="listing.approved", target_id=str(submitted.pk)
    ).exists()


def test_reject_needs_reason_and_message_and_tells_what_to_fix(
    submitted, moderator, mailoutbox, django_capture_on_commit_callbacks
):
    with pytest.raises(ValidationError) as exc:
        listing_reject(product=submitted, moderator=moderator, reason="", message="")
    assert set(exc.value.error_dict) == {"reason", "message"}
    submitted.refresh_from_db()
    assert submitted.status == "in_review"
    with django_capture_on_commit_callbacks(execute=True):
        listing_reject(
            product=submitted,
            moderator=moderator,
            reason="poor_or_missing_images",
            message="Sube al menos una foto.",
        )
    assert "Sube al menos una foto." in mailoutbox[0].body
    submitted.refresh_from_db()
    assert submitted.status == "rejected"


def test_deciding_twice_is_refused(submitted, moderator, coordinator):
    listing_approve(product=submitted, moderator=moderator)
    with pytest.raises(ValidationError) as exc:
        listing_reject(product=submitted, moderator=coordinator, reason="other", message="Tarde")
    assert exc.value.error_dict["status"][0].code == "not_in_review"
    submitted.refresh_from_db()
    assert submitted.status == "published"


def test_takedown_removes_a_live_listing_with_a_reason(moderator, vendor):
    live = VariantFactory(product__vendor=vendor).product
    listing_takedown(
        product=live,
        moderator=moderator,
        reason="misleading_information",
        message="El precio no corresponde.",
    )
    live.refresh_from_db()
    assert live.status == "unpublished"
    assert ModerationCase.objects.get(product=live).kind == "takedown"


def test_citizens_vendors_and_interested_moderators_cannot_decide(
    submitted, citizen, vendor_owner, vendor
):
    insider = UserFactory(roles=[Role.MODERATOR])
    VendorMembershipFactory(vendor=vendor, user=insider, role="staff")
    for user in (citizen, vendor_owner, insider):
        with pytest.raises(PermissionDenied):
            listing_approve(product=submitted, moderator=user)
    submitted.refresh_from_db()
    assert submitted.status == "in_review"


def test_queue_is_oldest_first_filterable_and_constant_in_queries(
    moderator, django_assert_max_num_queries
):
    def fill(n):
        for _ in range(n):
            membership = VendorMembershipFactory()
            # Services may go to review without a photo: the queue's "no_image" filter finds them.
            product = ProductFactory(vendor=membership.vendor, status="draft", kind="service")
            VariantFactory(product=product)
            product_submit_for_review(product=product, submitted_by=membership.user)

    def count():
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            for case in moderation_queue(user=moderator):
                (
                    case.product.vendor.enrollment.municipality.name,
                    case.product.category.name,
                    list(case.product.images.all()),
                    list(case.product.variants.all()),
                )
        return len(ctx.captured_queries)

    fill(2)
    count()  # warms the moderator's permission cache
    small = count()
    fill(10)
    assert count() == small
    cases = list(moderation_queue(user=moderator))
    assert [c.submitted_at for c in cases] == sorted(c.submitted_at for c in cases)
    assert (
        len(list(moderation_queue(user=moderator, filters=ModerationFilters(flag="no_image"))))
        == 12
    )


@pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
    reason="row locks need PostgreSQL (SQLite serialises whole-database writes)",
)
@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_decisions_one_loses_cleanly(reference_data, vendor, vendor_owner):
    first, second = UserFactory(roles=[Role.MODERATOR]), UserFactory(roles=[Role.COORDINATOR])
    product = ProductFactory(vendor=vendor, status="draft", photo=True)
    VariantFactory(product=product)
    product_submit_for_review(product=product, submitted_by=vendor_owner)
    barrier, outcomes = threading.Barrier(2), []

    def decide(user, action):
        try:
            barrier.wait()
            if action == "approve":
                listing_approve(product=Product.objects.get(pk=product.pk), moderator=user)
            else:
                listing_reject(
                    product=Product.objects.get(pk=product.pk),
                    moderator=user,
                    reason="other",
                    message="No",
                )
            outcomes.append("ok")
        except ValidationError as exc:
            outcomes.append(exc.error_dict["status"][0].code)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=decide, args=(first, "approve")),
        threading.Thread(target=decide, args=(second, "reject")),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["not_in_review", "ok"]
    case = ModerationCase.objects.get(product=product)
    product.refresh_from_db()
    assert (product.status, case.decision) in {("published", "approved"), ("rejected", "rejected")}
    assert (
        AuditEvent.objects.filter(action__startswith="listing.", target_id=str(product.pk)).count()
        == 1
    )
