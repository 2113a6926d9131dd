"""Every listing transition, allowed and refused: a refusal carries its code and changes
nothing (status, open cases, audit trail)."""

import pytest
from django.core.exceptions import ValidationError

from catalog.models import ModerationCase, Product
from catalog.services.moderation import listing_approve, listing_reject, listing_takedown
from catalog.services.products import (
    product_archive,
    product_submit_for_review,
    product_withdraw,
)
from marketplace.core.models import AuditEvent
from tests.factories import ProductFactory, VariantFactory

STATUSES = ["draft", "in_review", "published", "rejected", "unpublished", "archived"]


def _in(status, vendor, owner):
    product = ProductFactory(
        vendor=vendor,
        status="draft" if status == "in_review" else status,
        published_at=None,
        photo=True,
    )
    VariantFactory(product=product)
    if status == "in_review":
        product_submit_for_review(product=product, submitted_by=owner)
    return Product.objects.get(pk=product.pk)


def _act(action, product, owner, moderator):
    if action == "submit":
        product_submit_for_review(product=product, submitted_by=owner)
    elif action == "withdraw":
        product_withdraw(product=product, withdrawn_by=owner)
    elif action == "archive":
        product_archive(product=product, archived_by=owner)
    elif action == "approve":
        listing_approve(product=product, moderator=moderator)
    elif action == "reject":
        listing_reject(product=product, moderator=moderator, reason="other", message="Corrige.")
    elif action == "takedown":
        listing_takedown(product=product, moderator=moderator, reason="other", message="No.")


# action -> {status it starts from: status it ends in}; every other status is refused.
ALLOWED = {
    "submit": {"draft": "in_review", "rejected": "in_review", "unpublished": "in_review"},
    "withdraw": {"in_review": "draft", "published": "unpublished"},
    "archive": {
        "draft": "archived",
        "rejected": "archived",
        "published": "archived",
        "unpublished": "archived",
    },
    "approve": {"in_review": "published"},
    "reject": {"in_review": "rejected"},
    "takedown": {"published": "unpublished"},
}
CASES = [(action, status) for action in ALLOWED for status in STATUSES]


@pytest.mark.parametrize(("action", "status"), CASES, ids=[f"{a}-{s}" for a, s in CASES])
def test_transition(action, status, vendor, vendor_owner, moderator):
    product = _in(status, vendor, vendor_owner)
    events = AuditEvent.objects.count()
    open_cases = list(ModerationCase.objects.filter(decided_at__isnull=True).values_list("pk"))
    expected = ALLOWED[action].get(status)
    if expected is None:
        with pytest.raises(ValidationError) as exc:
            _act(action, product, vendor_owner, moderator)
        [code] = {e.code for errors in exc.value.error_dict.values() for e in errors}
        assert code in {"invalid_transition", "not_in_review"}
        assert Product.objects.get(pk=product.pk).status == status
        assert AuditEvent.objects.count() == events
        assert (
            list(ModerationCase.objects.filter(decided_at__isnull=True).values_list("pk"))
            == open_cases
        )
        return
    _act(action, product, vendor_owner, moderator)
    assert Product.objects.get(pk=product.pk).status == expected
    assert AuditEvent.objects.count() > events
    # Only a submission leaves a listing waiting in the queue.
    waiting = ModerationCase.objects.filter(product=product, decided_at__isnull=True).exists()
    assert waiting == (expected == "in_review")
