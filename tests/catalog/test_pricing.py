"""Goods (and services with a set price) are sold above $ 0: the rule holds in the variant,
submission, publication and approval services, and the cart refuses what slipped through."""

import pytest
from django.core.exceptions import ValidationError

from catalog.models import Product
from catalog.services.moderation import listing_approve
from catalog.services.products import product_publish, product_submit_for_review
from catalog.services.variants import variant_create, variant_update
from orders.models import Cart
from orders.services.cart import cart_add
from tests.factories import ProductFactory, VariantFactory


def _code(exc: ValidationError, field: str) -> str:
    return exc.value.error_dict[field][0].code


@pytest.fixture
def draft(vendor):
    return ProductFactory(vendor=vendor, status="draft", published_at=None)


def test_a_variant_of_goods_cannot_be_created_at_zero(draft, vendor_owner):
    with pytest.raises(ValidationError) as exc:
        variant_create(product=draft, created_by=vendor_owner, values={"sku": "A-1", "price": 0})
    assert _code(exc, "price") == "price_zero"
    assert not draft.variants.exists()


def test_a_live_listings_price_cannot_drop_to_zero(vendor, vendor_owner):
    variant = VariantFactory(product__vendor=vendor, price=9_000)
    with pytest.raises(ValidationError) as exc:
        variant_update(variant=variant, updated_by=vendor_owner, values={"price": "0"})
    assert _code(exc, "price") == "price_zero"
    variant.refresh_from_db()
    assert variant.price == 9_000


def test_a_service_quoted_on_request_may_go_without_a_price(vendor, vendor_owner):
    service = ProductFactory(
        vendor=vendor, kind="service", pricing_mode="quote", status="draft", published_at=None
    )
    variant_create(product=service, created_by=vendor_owner, values={"sku": "S-1", "price": 0})
    product_submit_for_review(product=service, submitted_by=vendor_owner)
    assert Product.objects.get(pk=service.pk).status == "in_review"


@pytest.mark.parametrize("kind", ["goods", "service"])
def test_a_listing_with_a_zero_price_is_not_submitted_published_or_approved(
    draft, vendor_owner, moderator, kind
):
    Product.objects.filter(pk=draft.pk).update(kind=kind, pricing_mode="fixed")
    draft.refresh_from_db()
    VariantFactory(product=draft, price=0)  # written before the rule existed

    with pytest.raises(ValidationError) as submit:
        product_submit_for_review(product=draft, submitted_by=vendor_owner)
    with pytest.raises(ValidationError) as publish:
        product_publish(product=draft, published_by=moderator)
    Product.objects.filter(pk=draft.pk).update(status="in_review")
    with pytest.raises(ValidationError) as approve:
        listing_approve(product=draft, moderator=moderator)

    assert {_code(e, "variants") for e in (submit, publish, approve)} == {"price_zero"}
    assert Product.objects.get(pk=draft.pk).status == "in_review"


def test_the_cart_refuses_goods_left_on_sale_at_zero(vendor):
    variant = VariantFactory(product__vendor=vendor, price=0)
    cart = Cart.objects.create()
    with pytest.raises(ValidationError) as exc:
        cart_add(cart=cart, variant=variant, quantity=1)
    assert _code(exc, "variant") == "product_unavailable"
    assert not cart.lines.exists()
