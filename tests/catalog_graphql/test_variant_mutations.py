import pytest

from catalog.models import ProductVariant, StockMovement
from marketplace.core.models import AuditEvent
from tests.factories import ProductFactory, VariantFactory

from .conftest import ERRORS
from .support import gid, listed_product

VARIANT_FIELDS = """
variant {
  sku name options { name value } trackInventory price { amount formatted }
  compareAtPrice { amount } quantityAvailable stockQuantity
}
product { variants { sku } pricing { priceRange { start { amount } stop { amount } } } }
"""
CREATE = f"""
mutation($product: ID!, $input: ProductVariantCreateInput!) {{
  productVariantCreate(product: $product, input: $input) {{ {VARIANT_FIELDS} {ERRORS} }}
}}
"""
UPDATE = f"""
mutation($id: ID!, $input: ProductVariantUpdateInput!) {{
  productVariantUpdate(id: $id, input: $input) {{ {VARIANT_FIELDS} {ERRORS} }}
}}
"""
DELETE = f"""
mutation($id: ID!) {{ productVariantDelete(id: $id) {{ product {{ variants {{ sku }} }} {ERRORS} }} }}
"""
ADJUST = f"""
mutation($variant: ID!, $delta: Int!, $note: String) {{
  stockAdjust(variant: $variant, delta: $delta, note: $note) {{
    variant {{ stockQuantity quantityAvailable }}
    movement {{ delta quantityAfter reason note }}
    {ERRORS}
  }}
}}
"""


def codes(payload):
    return [(error["field"], error["code"]) for error in payload["errors"]]


@pytest.fixture
def product(vendor):
    return ProductFactory(vendor=vendor, status="draft")


def test_member_adds_a_variant_with_options_and_initial_stock(mutate, product, vendor_owner):
    result = mutate(
        CREATE,
        {
            "product": gid(product),
            "input": {
                "sku": " MOC-M ",
                "name": "Mediana azul",
                "options": [{"name": "talla", "value": "M"}, {"name": "color", "value": "Azul"}],
                "price": 45900,
                "compareAtPrice": "52000",
                "initialStock": 6,
            },
        },
        user=vendor_owner,
    )
    assert result["errors"] == []
    assert result["variant"] == {
        "sku": "MOC-M",
        "name": "Mediana azul",
        "options": [{"name": "talla", "value": "M"}, {"name": "color", "value": "Azul"}],
        "trackInventory": True,
        "price": {"amount": 45900, "formatted": "$\u00a045.900"},
        "compareAtPrice": {"amount": 52000},
        "quantityAvailable": 6,
        "stockQuantity": 6,
    }
    assert result["product"]["variants"] == [{"sku": "MOC-M"}]
    movement = StockMovement.objects.get()
    assert (movement.delta, movement.reason, movement.actor) == (6, "initial", vendor_owner)


@pytest.mark.parametrize(
    ("price", "code"),
    [
        (-100, "amount_negative"),
        ("-1", "amount_negative"),
        (45900.5, "amount_not_whole_pesos"),
        ("45900.50", "amount_not_whole_pesos"),
        ("cuarenta", "invalid"),
        (True, "invalid"),
        # Decimal reads these; a signalling NaN used to escape as an uncaught InvalidOperation.
        ("sNaN", "invalid"),
        ("NaN", "invalid"),
        ("Infinity", "invalid"),
    ],
)
def test_a_price_that_is_not_whole_pesos_is_refused_on_its_field(
    mutate, product, vendor_owner, price, code
):
    result = mutate(
        CREATE,
        {"product": gid(product), "input": {"sku": "X-1", "price": price, "initialStock": 3}},
        user=vendor_owner,
    )
    assert result["variant"] is None
    assert codes(result) == [("price", code)]
    assert not ProductVariant.objects.exists()
    assert not StockMovement.objects.exists()


def test_a_fractional_price_written_in_the_document_is_refused_too(mutate, product, vendor_owner):
    document = f"""
    mutation {{
      productVariantCreate(product: "{gid(product)}", input: {{ sku: "X-1", price: 1000.5 }}) {{
        {ERRORS}
      }}
    }}
    """
    assert codes(mutate(document, user=vendor_owner)) == [("price", "amount_not_whole_pesos")]
    assert not ProductVariant.objects.exists()


def test_a_negative_compare_at_price_is_refused_on_its_field(mutate, product, vendor_owner):
    variables = {"product": gid(product), "input": {"sku": "X", "price": 1, "compareAtPrice": -1}}
    result = mutate(CREATE, variables, user=vendor_owner)
    assert codes(result) == [("compareAtPrice", "amount_negative")]


def test_a_sku_is_unique_among_the_vendors_variants(mutate, product, vendor_owner, other_vendor):
    VariantFactory(product=ProductFactory(vendor=product.vendor), sku="AREPA-1")
    VariantFactory(product=ProductFactory(vendor=other_vendor), sku="AREPA-2")
    duplicate = mutate(
        CREATE,
        {"product": gid(product), "input": {"sku": "AREPA-1", "price": 1000, "initialStock": 2}},
        user=vendor_owner,
    )
    assert codes(duplicate) == [("sku", "duplicate_sku")]
    assert not product.variants.exists()
    assert not StockMovement.objects.exists()
    # Another vendor's SKU is no clash.
    other = mutate(
        CREATE,
        {"product": gid(product), "input": {"sku": "AREPA-2", "price": 1000}},
        user=vendor_owner,
    )
    assert other["errors"] == []
    renamed = mutate(
        UPDATE,
        {"id": gid(product.variants.get()), "input": {"sku": "AREPA-1"}},
        user=vendor_owner,
    )
    assert codes(renamed) == [("sku", "duplicate_sku")]
    assert product.variants.get().sku == "AREPA-2"


def test_options_need_distinct_names(mutate, product, vendor_owner):
    options = [{"name": "talla", "value": "M"}, {"name": "talla", "value": "L"}]
    variables = {"product": gid(product), "input": {"sku": "X", "price": 1, "options": options}}
    assert codes(mutate(CREATE, variables, user=vendor_owner)) == [("options", "invalid")]


def test_negative_initial_stock_is_refused(mutate, product, vendor_owner):
    variables = {"product": gid(product), "input": {"sku": "X", "price": 1, "initialStock": -1}}
    result = mutate(CREATE, variables, user=vendor_owner)
    assert codes(result) == [("initialStock", "stock_negative")]
    assert not ProductVariant.objects.exists()


def test_member_changes_a_price_and_the_range_follows(mutate, product, vendor_owner):
    cheap = VariantFactory(product=product, price=10_000)
    VariantFactory(product=product, price=20_000)
    result = mutate(
        UPDATE,
        {"id": gid(cheap), "input": {"price": 30000, "compareAtPrice": None}},
        user=vendor_owner,
    )
    assert result["errors"] == []
    assert result["variant"]["price"]["amount"] == 30000
    assert result["product"]["pricing"]["priceRange"] == {
        "start": {"amount": 20000},
        "stop": {"amount": 30000},
    }


def test_variants_of_an_archived_product_cannot_change(mutate, vendor, vendor_owner):
    product = listed_product(vendor=vendor, status="archived", variant__price=5000)
    variant = product.variants.get()
    for document, variables in (
        (UPDATE, {"id": gid(variant), "input": {"price": 1}}),
        (CREATE, {"product": gid(product), "input": {"sku": "NEW", "price": 1}}),
    ):
        result = mutate(document, variables, user=vendor_owner)
        assert codes(result) == [("status", "product_archived")]
    assert list(ProductVariant.objects.values_list("sku", "price")) == [(variant.sku, 5000)]


def test_the_last_variant_stays(mutate, product, vendor_owner):
    first, second = VariantFactory(product=product), VariantFactory(product=product)
    result = mutate(DELETE, {"id": gid(first)}, user=vendor_owner)
    assert result == {"product": {"variants": [{"sku": second.sku}]}, "errors": []}
    last = mutate(DELETE, {"id": gid(second)}, user=vendor_owner)
    assert codes(last) == [("variant", "last_variant")]
    assert product.variants.get() == second


def test_member_adjusts_stock_and_each_change_is_recorded(mutate, product, vendor_owner):
    variant = VariantFactory(product=product, stock_quantity=5, allocated_quantity=2)
    added = mutate(
        ADJUST, {"variant": gid(variant), "delta": 4, "note": "Llegó pedido"}, user=vendor_owner
    )
    assert added == {
        "variant": {"stockQuantity": 9, "quantityAvailable": 7},
        "movement": {"delta": 4, "quantityAfter": 9, "reason": "MANUAL", "note": "Llegó pedido"},
        "errors": [],
    }
    too_many = mutate(ADJUST, {"variant": gid(variant), "delta": -8}, user=vendor_owner)
    assert codes(too_many) == [("delta", "stock_negative")]
    zero = mutate(ADJUST, {"variant": gid(variant), "delta": 0}, user=vendor_owner)
    assert codes(zero) == [("delta", "invalid")]
    variant.refresh_from_db()
    assert variant.stock_quantity == 9
    assert StockMovement.objects.count() == 1


@pytest.mark.parametrize("who", [None, "citizen", "coordinator", "vendor_owner"])
def test_nobody_but_its_vendors_members_touches_a_variant(mutate, request, other_vendor, who):
    """`vendor_owner` owns vendor A; the variant is B's. Staff roles grant nothing here."""
    theirs = listed_product(vendor=other_vendor, variant__price=7000, variant__stock_quantity=3)
    variant = theirs.variants.get()
    user = request.getfixturevalue(who) if who else None
    attempts = (
        (UPDATE, {"id": gid(variant), "input": {"price": 1}}),
        (ADJUST, {"variant": gid(variant), "delta": 100}),
        (DELETE, {"id": gid(variant)}),
        (CREATE, {"product": gid(theirs), "input": {"sku": "MIO", "price": 1}}),
    )
    for document, variables in attempts:
        result = mutate(document, variables, user=user)
        assert codes(result) == [(None, "permission_denied")], document
    assert list(ProductVariant.objects.values_list("price", "stock_quantity")) == [(7000, 3)]
    assert not StockMovement.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="variant.").exists()
