import pytest
from graphql_relay import to_global_id

from catalog.models import Product
from marketplace.core.models import AuditEvent
from tests.factories import ProductFactory, VariantFactory, VendorFactory

from .conftest import ERRORS
from .support import gid, listed_product

PRODUCT_FIELDS = """
product {
  name slug kind status description taxClass pricingMode durationMinutes
  category { slug } vendor { slug } serviceMunicipalities { code }
}
"""
CREATE = f"""
mutation($vendor: ID!, $input: ProductCreateInput!) {{
  productCreate(vendor: $vendor, input: $input) {{ {PRODUCT_FIELDS} {ERRORS} }}
}}
"""
UPDATE = f"""
mutation($id: ID!, $input: ProductUpdateInput!) {{
  productUpdate(id: $id, input: $input) {{ {PRODUCT_FIELDS} {ERRORS} }}
}}
"""
ARCHIVE = f"mutation($id: ID!) {{ productArchive(id: $id) {{ product {{ status }} {ERRORS} }} }}"
PUBLISH = f"""
mutation($id: ID!) {{ productPublish(id: $id) {{ product {{ status publishedAt }} {ERRORS} }} }}
"""


def codes(payload):
    return [(error["field"], error["code"]) for error in payload["errors"]]


def test_member_creates_a_service_as_a_draft(mutate, vendor, vendor_owner):
    result = mutate(
        CREATE,
        {
            "vendor": gid(vendor),
            "input": {
                "name": "  Clases de cerámica  ",
                "description": "Dos horas, materiales incluidos.",
                "category": "clases-y-talleres",
                "kind": "SERVICE",
                "taxClass": "EXCLUDED",
                "pricingMode": "FROM",
                "durationMinutes": 120,
                "serviceMunicipalities": ["envigado", "sabaneta"],
            },
        },
        user=vendor_owner,
    )
    assert result["errors"] == []
    created = result["product"]
    assert created["name"] == "Clases de cerámica"
    assert created["slug"].startswith("clases-de-ceramica")
    assert (created["kind"], created["status"], created["taxClass"], created["pricingMode"]) == (
        "SERVICE",
        "DRAFT",
        "EXCLUDED",
        "FROM",
    )
    assert created["durationMinutes"] == 120
    assert created["category"] == {"slug": "clases-y-talleres"}
    assert created["vendor"] == {"slug": vendor.slug}
    assert {m["code"] for m in created["serviceMunicipalities"]} == {"05266", "05631"}
    assert Product.objects.get(vendor=vendor).status == "draft"


def test_create_reports_every_bad_field_and_stores_nothing(mutate, vendor, vendor_owner):
    result = mutate(
        CREATE,
        {
            "vendor": gid(vendor),
            "input": {
                "name": " ",
                "category": "no-existe",
                "durationMinutes": -5,
                "serviceMunicipalities": ["cali"],
            },
        },
        user=vendor_owner,
    )
    assert result["product"] is None
    assert sorted(codes(result)) == [
        ("category", "unknown_category"),
        ("durationMinutes", "invalid"),
        ("name", "required"),
    ]
    assert not Product.objects.exists()
    assert not AuditEvent.objects.filter(action="product.created").exists()


def test_member_updates_only_the_fields_sent(mutate, vendor, vendor_owner):
    product = listed_product(vendor=vendor, description="Se queda", status="draft")
    result = mutate(
        UPDATE,
        {"id": gid(product), "input": {"name": "Arepa boyacense", "taxClass": "IVA_5"}},
        user=vendor_owner,
    )
    assert result["errors"] == []
    assert (result["product"]["name"], result["product"]["taxClass"]) == (
        "Arepa boyacense",
        "IVA_5",
    )
    assert result["product"]["description"] == "Se queda"
    product.refresh_from_db()
    assert (product.name, product.tax_class, product.slug) == (
        "Arepa boyacense",
        "iva_5",
        product.slug,
    )


def test_archived_products_cannot_be_edited(mutate, vendor, vendor_owner):
    product = listed_product(vendor=vendor)
    archived = mutate(ARCHIVE, {"id": gid(product)}, user=vendor_owner)
    assert archived == {"product": {"status": "ARCHIVED"}, "errors": []}
    result = mutate(UPDATE, {"id": gid(product), "input": {"name": "Otro"}}, user=vendor_owner)
    assert result["product"] is None
    assert codes(result) == [("status", "product_archived")]
    product.refresh_from_db()
    assert product.name != "Otro"
    again = mutate(ARCHIVE, {"id": gid(product)}, user=vendor_owner)
    assert codes(again) == [("status", "invalid_transition")]


@pytest.mark.parametrize("who", [None, "citizen", "coordinator", "vendor_owner"])
def test_nobody_but_its_vendors_members_edits_a_product(mutate, request, other_vendor, who):
    """`vendor_owner` owns vendor A; the product is B's. Staff roles grant nothing here."""
    product = listed_product(vendor=other_vendor, name="Original")
    user = request.getfixturevalue(who) if who else None
    for document, variables in (
        (UPDATE, {"id": gid(product), "input": {"name": "Mío"}}),
        (ARCHIVE, {"id": gid(product)}),
    ):
        result = mutate(document, variables, user=user)
        assert result["product"] is None
        assert codes(result) == [(None, "permission_denied")]
    product.refresh_from_db()
    assert (product.name, product.status) == ("Original", "published")
    assert not AuditEvent.objects.filter(action__startswith="product.").exists()


def test_no_one_creates_products_for_someone_elses_vendor(mutate, vendor_owner, other_vendor):
    variables = {"vendor": gid(other_vendor), "input": {"name": "X", "category": "ropa"}}
    result = mutate(CREATE, variables, user=vendor_owner)
    assert codes(result) == [(None, "permission_denied")]
    assert not Product.objects.exists()


def test_a_missing_product_is_refused_like_someone_elses(mutate, vendor_owner, other_vendor):
    theirs = listed_product(vendor=other_vendor)
    missing = to_global_id("Product", theirs.pk + 1000)
    refused = [
        mutate(UPDATE, {"id": product_id, "input": {"name": "X"}}, user=vendor_owner)
        for product_id in (missing, gid(theirs))
    ]
    assert refused[0] == refused[1]
    assert codes(refused[0]) == [(None, "permission_denied")]


@pytest.mark.parametrize(
    "product_id",
    [
        to_global_id("Vendor", 1),
        "basura",
        to_global_id("Product", "abc"),
        to_global_id("Product", "9" * 30),
    ],
    ids=["other-type", "garbage", "non-numeric", "overflow"],
)
def test_ids_that_name_no_product_are_field_errors(mutate, vendor_owner, product_id):
    result = mutate(UPDATE, {"id": product_id, "input": {"name": "X"}}, user=vendor_owner)
    assert codes(result) == [("id", "invalid")]


def test_a_moderator_publishes_a_draft_and_it_enters_the_store(mutate, gql, moderator):
    product = ProductFactory(status="draft", published_at=None)
    VariantFactory(product=product)
    result = mutate(PUBLISH, {"id": gid(product)}, user=moderator)
    assert result["errors"] == []
    assert result["product"]["status"] == "PUBLISHED"
    assert result["product"]["publishedAt"]
    found = gql("query($s: String!) { product(slug: $s) { slug } }", {"s": product.slug})
    assert found["data"]["product"] == {"slug": product.slug}


@pytest.mark.parametrize("who", [None, "citizen", "vendor_owner"])
def test_only_staff_who_moderate_listings_publish(mutate, request, vendor, who):
    """Not even the product's own vendor publishes it while listings are moderated by staff."""
    product = ProductFactory(vendor=vendor, status="draft", published_at=None)
    VariantFactory(product=product)
    user = request.getfixturevalue(who) if who else None
    result = mutate(PUBLISH, {"id": gid(product)}, user=user)
    assert result["product"] is None
    assert codes(result) == [(None, "permission_denied")]
    product.refresh_from_db()
    assert product.status == "draft"


def test_publishing_needs_a_variant_and_an_active_vendor(mutate, moderator):
    bare = ProductFactory(status="draft", published_at=None)
    assert codes(mutate(PUBLISH, {"id": gid(bare)}, user=moderator)) == [
        ("variants", "price_required")
    ]
    suspended = ProductFactory(vendor=VendorFactory(status="suspended"), status="draft")
    VariantFactory(product=suspended)
    assert codes(mutate(PUBLISH, {"id": gid(suspended)}, user=moderator)) == [
        ("vendor", "vendor_not_active")
    ]
    missing = mutate(PUBLISH, {"id": to_global_id("Product", bare.pk + 1000)}, user=moderator)
    assert codes(missing) == [("id", "not_found")]
    assert set(Product.objects.values_list("status", flat=True)) == {"draft"}
