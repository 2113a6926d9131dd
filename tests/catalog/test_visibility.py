import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalog.models import Category
from catalog.selectors import ProductFilters, product_get_visible, product_list_visible
from tests.factories import ProductFactory, VariantFactory, VendorFactory
from vendors.services.lifecycle import vendor_suspend


def _visible(**filters):
    return set(
        product_list_visible(filters=ProductFilters(**filters)).values_list("name", flat=True)
    )


@pytest.mark.parametrize("status", ["draft", "in_review", "rejected", "unpublished", "archived"])
def test_only_published_listings_are_public(db, status):
    VariantFactory(product__name="Visible")
    VariantFactory(product__name="Oculto", product__status=status)
    assert _visible() == {"Visible"}


def test_a_suspended_vendors_products_vanish_at_once(db, coordinator):
    variant = VariantFactory(product__name="Arepa")
    assert _visible() == {"Arepa"}
    vendor_suspend(vendor=variant.product.vendor, suspended_by=coordinator, reason="Revisión")
    assert _visible() == set()
    assert product_get_visible(slug=variant.product.slug) is None


@pytest.mark.parametrize("vendor_status", ["pending_review", "rejected", "closed"])
def test_products_of_inactive_vendors_are_hidden(db, vendor_status):
    VariantFactory(product__vendor=VendorFactory(status=vendor_status))
    assert _visible() == set()


def test_out_of_stock_goods_are_shown_as_unavailable_not_hidden(db):
    sold_out = VariantFactory(product__name="Agotado", stock_quantity=3, allocated_quantity=3)
    untracked = VariantFactory(product__name="Servicio", stock_quantity=0, track_inventory=False)
    by_name = {p.name: p for p in product_list_visible()}
    assert by_name["Agotado"].is_available is False
    assert by_name["Servicio"].is_available is True
    assert _visible(in_stock=True) == {"Servicio"}
    assert sold_out.quantity_available == 0 and untracked.quantity_available == 0


def test_category_listing_includes_descendants(db):
    VariantFactory(
        product__name="Pan", product__category=Category.objects.get(slug="panaderia-y-reposteria")
    )
    VariantFactory(
        product__name="Bolso", product__category=Category.objects.get(slug="bolsos-y-marroquineria")
    )
    food = Category.objects.get(slug="alimentos-y-bebidas")
    assert _visible(category=food) == {"Pan"}


def test_filters_by_price_kind_and_municipality(db):
    VariantFactory(product__name="Barato", price=5_000)
    VariantFactory(product__name="Caro", price=90_000, product__kind="service")
    assert _visible(price_max=10_000) == {"Barato"}
    assert _visible(price_min=10_000) == {"Caro"}
    assert _visible(kind="service") == {"Caro"}
    assert _visible(municipality="medellin") == {"Barato", "Caro"}
    assert _visible(municipality="bello") == set()


def test_listing_query_count_does_not_grow_with_length(db):
    def count(n):
        for _ in range(n):
            VariantFactory()
        with CaptureQueriesContext(connection) as ctx:
            products = list(product_list_visible()[:100])
            for p in products:
                _ = (
                    p.vendor.enrollment.municipality.name,
                    p.category.name,
                    p.thumbnail,
                    p.min_price,
                    p.is_available,
                )
        return len(ctx.captured_queries)

    small = count(1)
    # One query: prices, availability and the photo are columns of the product.
    assert small == 1
    assert count(20) == small


def test_vendor_submits_and_staff_publishes(db, vendor, vendor_owner, coordinator, citizen):
    from django.core.exceptions import PermissionDenied

    from catalog.services.products import product_publish, product_submit_for_review

    product = ProductFactory(
        vendor=vendor, status="draft", published_at=None, name="Nuevo", photo=True
    )
    VariantFactory(product=product)
    product_submit_for_review(product=product, submitted_by=vendor_owner)
    assert product.status == "in_review" and _visible() == set()
    with pytest.raises(PermissionDenied):
        product_publish(product=product, published_by=citizen)
    product_publish(product=product, published_by=coordinator)
    assert _visible() == {"Nuevo"}
