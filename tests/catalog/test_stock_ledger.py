import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from catalog.models import StockMovement
from catalog.services.variants import stock_adjust, variant_create, variant_delete, variant_update
from tests.factories import ProductFactory, VariantFactory, VendorMembershipFactory


@pytest.fixture
def product(vendor):
    return ProductFactory(vendor=vendor)


def test_every_unit_is_accounted_for(product, vendor_owner):
    variant = variant_create(
        product=product,
        created_by=vendor_owner,
        values={"sku": "AR-1", "price": "4500"},
        initial_stock=10,
    )
    stock_adjust(variant=variant, delta=-3, reason="sale", actor=None)
    stock_adjust(variant=variant, delta=1, reason="return", actor=None)
    stock_adjust(
        variant=variant, delta=5, reason="manual", actor=vendor_owner, note="Llegó producción"
    )
    variant.refresh_from_db()
    movements = list(StockMovement.objects.filter(variant=variant).order_by("id"))
    assert [m.delta for m in movements] == [10, -3, 1, 5]
    assert sum(m.delta for m in movements) == variant.stock_quantity == 13
    assert movements[-1].quantity_after == 13 and movements[-1].actor == vendor_owner


def test_stock_cannot_go_negative_or_below_allocations(product, vendor_owner):
    variant = VariantFactory(product=product, stock_quantity=5, allocated_quantity=2)
    with pytest.raises(ValidationError) as exc:
        stock_adjust(variant=variant, delta=-4, reason="manual", actor=vendor_owner)
    assert exc.value.error_dict["delta"][0].code == "stock_negative"
    variant.refresh_from_db()
    assert variant.stock_quantity == 5
    assert not StockMovement.objects.exists()


@pytest.mark.parametrize(
    ("price", "code"),
    [("-1", "amount_negative"), ("4500.50", "amount_not_whole_pesos"), ("abc", "invalid")],
)
def test_bad_prices_are_refused(product, vendor_owner, price, code):
    with pytest.raises(ValidationError) as exc:
        variant_create(
            product=product, created_by=vendor_owner, values={"sku": "X", "price": price}
        )
    assert exc.value.error_dict["price"][0].code == code
    assert not product.variants.exists()


def test_sku_is_unique_per_vendor_but_not_across_vendors(product, vendor_owner):
    variant_create(product=product, created_by=vendor_owner, values={"sku": "AR-1", "price": 4500})
    with pytest.raises(ValidationError) as exc:
        variant_create(
            product=product, created_by=vendor_owner, values={"sku": "AR-1", "price": 4500}
        )
    assert exc.value.error_dict["sku"][0].code == "duplicate_sku"
    other = VendorMembershipFactory()
    other_product = ProductFactory(vendor=other.vendor)
    variant_create(product=other_product, created_by=other.user, values={"sku": "AR-1", "price": 1})


def test_vendor_a_cannot_touch_vendor_bs_variants(product, vendor_owner):
    other = VendorMembershipFactory()
    theirs = VariantFactory(product=ProductFactory(vendor=other.vendor), price=1000)
    with pytest.raises(PermissionDenied):
        variant_update(variant=theirs, updated_by=vendor_owner, values={"price": 1})
    with pytest.raises(PermissionDenied):
        stock_adjust(variant=theirs, delta=100, reason="manual", actor=vendor_owner)
    theirs.refresh_from_db()
    assert (theirs.price, theirs.stock_quantity) == (1000, 10)


def test_archived_products_cannot_be_edited_and_last_variant_stays(product, vendor_owner):
    variant = VariantFactory(product=product)
    with pytest.raises(ValidationError) as exc:
        variant_delete(variant=variant, deleted_by=vendor_owner)
    assert exc.value.error_dict["variant"][0].code == "last_variant"
    product.status = "archived"
    product.save()
    with pytest.raises(ValidationError) as exc:
        variant_update(variant=variant, updated_by=vendor_owner, values={"price": 1})
    assert exc.value.error_dict["status"][0].code == "product_archived"
