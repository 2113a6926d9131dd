import pytest
from django.core.exceptions import PermissionDenied

from catalog.models import Product
from catalog.services.moderation import listing_approve
from catalog.services.moderation_bulk import listing_approve_many
from catalog.services.products import product_submit_for_review
from tests.factories import ProductFactory, VariantFactory, VendorMembershipFactory


def _submitted(vendor, owner, name):
    product = ProductFactory(
        vendor=vendor, name=name, status="draft", published_at=None, photo=True
    )
    VariantFactory(product=product)
    product_submit_for_review(product=product, submitted_by=owner)
    return product


def test_one_refusal_does_not_undo_the_other_approvals(
    vendor, vendor_owner, moderator, coordinator
):
    first = _submitted(vendor, vendor_owner, "Arepa de chócolo")
    decided = _submitted(vendor, vendor_owner, "Bolso de fique")
    last = _submitted(vendor, vendor_owner, "Mermelada de mora")
    listing_approve(product=decided, moderator=coordinator)

    outcomes = listing_approve_many(
        moderator=moderator, product_ids=[first.pk, decided.pk, 999_999, last.pk]
    )

    assert [(o.product_id, o.approved, o.code) for o in outcomes] == [
        (first.pk, True, ""),
        (decided.pk, False, "not_in_review"),
        (999_999, False, "not_found"),
        (last.pk, True, ""),
    ]
    assert "otra persona decidió antes" in outcomes[1].message
    assert set(Product.objects.values_list("status", flat=True)) == {"published"}


def test_conflict_of_interest_is_refused_per_listing(vendor, vendor_owner, moderator):
    own = _submitted(vendor, vendor_owner, "Arepa de chócolo")
    other_membership = VendorMembershipFactory()
    other = _submitted(other_membership.vendor, other_membership.user, "Bolso de fique")
    VendorMembershipFactory(vendor=vendor, user=moderator, role="staff")

    outcomes = listing_approve_many(moderator=moderator, product_ids=[own.pk, other.pk])

    assert [(o.approved, o.code) for o in outcomes] == [(False, "permission_denied"), (True, "")]
    own.refresh_from_db()
    assert own.status == "in_review"


def test_people_without_the_permission_are_refused_outright(vendor, vendor_owner, citizen):
    product = _submitted(vendor, vendor_owner, "Arepa de chócolo")

    for person in (citizen, vendor_owner):
        with pytest.raises(PermissionDenied):
            listing_approve_many(moderator=person, product_ids=[product.pk])
    product.refresh_from_db()
    assert product.status == "in_review"
