from django.db import connection
from django.test.utils import CaptureQueriesContext
from graphql_relay import to_global_id

from catalog.models import Product
from catalog.services.products import product_submit_for_review
from tests.factories import ProductFactory, VariantFactory, VendorMembershipFactory

QUEUE = """{ moderationQueue(first: 50) { totalCount edges { node {
  kind submittedAt flags { code detail }
  product { name slug category { name } vendor { displayName municipality { name } } images { url(size: 320) } }
} } } }"""
APPROVE = "mutation($id: ID!) { listingApprove(id: $id) { product { status } errors { field code message } } }"
REJECT = """mutation($id: ID!, $reason: ModerationReason!, $message: String!) {
  listingReject(id: $id, reason: $reason, message: $message) { product { status } errors { field code message } } }"""
AUDIT = """query($f: AuditEventFilter) { auditEvents(first: 20, filter: $f) { totalCount edges { node { action actor targetType data } } } }"""


def _submit(n):
    products = []
    for _ in range(n):
        membership = VendorMembershipFactory()
        product = ProductFactory(vendor=membership.vendor, status="draft", photo=True)
        VariantFactory(product=product)
        product_submit_for_review(product=product, submitted_by=membership.user)
        products.append(product)
    return products


def _gid(product):
    return to_global_id("Product", product.pk)


def test_moderator_approves_and_rejects_through_the_api(mutate, moderator):
    first, second = _submit(2)
    approved = mutate(APPROVE, {"id": _gid(first)}, user=moderator)
    assert approved["errors"] == []
    assert Product.objects.get(pk=first.pk).status == "published"
    refused = mutate(
        REJECT, {"id": _gid(second), "reason": "PRICE_ERROR", "message": " "}, user=moderator
    )
    assert [e["code"] for e in refused["errors"]] == ["required"]
    done = mutate(
        REJECT,
        {"id": _gid(second), "reason": "PRICE_ERROR", "message": "Revisa el precio."},
        user=moderator,
    )
    assert done["errors"] == []
    assert Product.objects.get(pk=second.pk).status == "rejected"
    again = mutate(APPROVE, {"id": _gid(second)}, user=moderator)
    assert again["errors"][0]["code"] == "not_in_review"


def test_citizens_and_vendors_cannot_call_staff_mutations(mutate, citizen, vendor_owner):
    (product,) = _submit(1)
    for user in (citizen, vendor_owner):
        payload = mutate(APPROVE, {"id": _gid(product)}, user=user)
        assert payload["errors"][0]["code"] == "permission_denied"
    assert Product.objects.get(pk=product.pk).status == "in_review"


def test_queue_query_count_is_constant(gql, moderator, client):
    _submit(2)
    gql(QUEUE, user=moderator)
    with CaptureQueriesContext(connection) as small:
        result = gql(QUEUE, user=moderator)
    assert result["data"]["moderationQueue"]["totalCount"] == 2
    _submit(12)
    with CaptureQueriesContext(connection) as large:
        result = gql(QUEUE, user=moderator)
    assert result["data"]["moderationQueue"]["totalCount"] == 14
    assert len(large.captured_queries) == len(small.captured_queries)


def test_audit_events_are_for_staff_and_filterable(gql, mutate, moderator, citizen):
    (product,) = _submit(1)
    mutate(APPROVE, {"id": _gid(product)}, user=moderator)
    result = gql(
        AUDIT,
        {"f": {"action": "listing.", "target": f"catalog.product:{product.pk}"}},
        user=moderator,
    )
    events = result["data"]["auditEvents"]["edges"]
    assert [e["node"]["action"] for e in events] == ["listing.approved"]
    assert events[0]["node"]["actor"] == moderator.email
    refused = gql(AUDIT, user=citizen)
    assert refused["data"]["auditEvents"] is None
    assert refused["errors"][0]["extensions"]["code"] == "permission_denied"
