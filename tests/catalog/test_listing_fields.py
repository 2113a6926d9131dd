"""The list fields a product keeps (lowest and highest price, availability, first photo) follow
every service that changes variants, stock, photos or publication, in the same transaction."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from catalog.listing_fields import listing_fields_refresh
from catalog.models import Product, ProductImage, ProductVariant
from catalog.selectors import ProductFilters, product_list_visible
from catalog.services.images import product_image_add, product_image_delete, product_image_reorder
from catalog.services.moderation import listing_approve
from catalog.services.products import (
    ProductInput,
    product_submit_for_review,
    product_unpublish,
    product_update,
)
from catalog.services.variants import stock_adjust, variant_create, variant_delete, variant_update
from tests.factories import ProductFactory


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def draft(vendor):
    return ProductFactory(vendor=vendor, status="draft", published_at=None)


def _photo(colour: str) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (400, 300), colour).save(buffer, "WEBP")
    return SimpleUploadedFile(f"{colour}.webp", buffer.getvalue())


def stored(product) -> dict:
    """What the database holds now, not what an instance remembers."""
    return Product.objects.values("min_price", "max_price", "is_available", "thumbnail").get(
        pk=product.pk
    )


def test_variant_and_stock_services_keep_prices_and_availability(draft, vendor_owner):
    assert stored(draft) == {
        "min_price": None,
        "max_price": None,
        "is_available": False,
        "thumbnail": {},
    }
    small = variant_create(
        product=draft, created_by=vendor_owner, values={"sku": "AR-S", "price": 5000}
    )
    assert stored(draft) | {"thumbnail": None} == {
        "min_price": 5000,
        "max_price": 5000,
        "is_available": False,  # no stock yet
        "thumbnail": None,
    }
    # The caller's instance is refreshed too (a mutation shows it next).
    assert (draft.min_price, draft.is_available) == (5000, False)

    stock_adjust(variant=small, delta=3, reason="manual", actor=vendor_owner)
    assert stored(draft)["is_available"] is True

    large = variant_create(
        product=draft,
        created_by=vendor_owner,
        values={"sku": "AR-L", "price": 9000},
        initial_stock=2,
    )
    assert (stored(draft)["min_price"], stored(draft)["max_price"]) == (5000, 9000)

    variant_update(variant=small, updated_by=vendor_owner, values={"price": 12000})
    assert (stored(draft)["min_price"], stored(draft)["max_price"]) == (9000, 12000)

    # A sale empties one variant: the other still has stock.
    stock_adjust(variant=small, delta=-3, reason="sale", actor=None)
    assert stored(draft)["is_available"] is True
    stock_adjust(variant=large, delta=-2, reason="sale", actor=None)
    assert stored(draft)["is_available"] is False

    # Not tracking stock makes it orderable again.
    variant_update(variant=large, updated_by=vendor_owner, values={"track_inventory": False})
    assert stored(draft)["is_available"] is True

    variant_delete(variant=large, deleted_by=vendor_owner)
    assert stored(draft) | {"thumbnail": None} == {
        "min_price": 12000,
        "max_price": 12000,
        "is_available": False,
        "thumbnail": None,
    }


def test_photo_services_keep_the_first_photo(draft, vendor_owner):
    variant_create(product=draft, created_by=vendor_owner, values={"sku": "F-1", "price": 4000})
    first = product_image_add(
        product=draft, added_by=vendor_owner, upload=_photo("red"), alt="Roja"
    )
    assert stored(draft)["thumbnail"] == first.image
    second = product_image_add(
        product=draft, added_by=vendor_owner, upload=_photo("blue"), alt="Azul"
    )
    assert stored(draft)["thumbnail"] == first.image

    product_image_reorder(product=draft, reordered_by=vendor_owner, image_ids=[second.pk, first.pk])
    assert stored(draft)["thumbnail"] == second.image

    product_image_delete(image=ProductImage.objects.get(pk=second.pk), deleted_by=vendor_owner)
    assert stored(draft)["thumbnail"] == first.image
    product_image_delete(image=ProductImage.objects.get(pk=first.pk), deleted_by=vendor_owner)
    assert stored(draft)["thumbnail"] == {}


def test_publication_and_edits_keep_the_list_fields(draft, vendor_owner, moderator):
    variant_create(
        product=draft,
        created_by=vendor_owner,
        values={"sku": "P-1", "price": 7000},
        initial_stock=4,
    )
    image = product_image_add(
        product=draft, added_by=vendor_owner, upload=_photo("green"), alt="Verde"
    )
    expected = {
        "min_price": 7000,
        "max_price": 7000,
        "is_available": True,
        "thumbnail": image.image,
    }
    assert stored(draft) == expected

    product_submit_for_review(product=draft, submitted_by=vendor_owner)
    listing_approve(product=draft, moderator=moderator)
    assert stored(draft) == expected
    shown = product_list_visible(filters=ProductFilters(in_stock=True)).get(pk=draft.pk)
    assert (shown.min_price, shown.is_available, shown.thumbnail) == (7000, True, image.image)

    # An edit saves the whole product row: the list fields it read stay as they are.
    product_update(
        product=Product.objects.get(pk=draft.pk),
        updated_by=vendor_owner,
        data=ProductInput(values={"name": "Otro nombre para la lista"}),
    )
    assert stored(draft) == expected
    product_unpublish(product=Product.objects.get(pk=draft.pk), unpublished_by=vendor_owner)
    assert stored(draft) == expected


def test_photos_of_a_live_listing_reach_the_list_when_approved(vendor, vendor_owner, moderator):
    product = ProductFactory(vendor=vendor, status="draft", published_at=None)
    variant_create(product=product, created_by=vendor_owner, values={"sku": "L-1", "price": 3000})
    old = product_image_add(
        product=product, added_by=vendor_owner, upload=_photo("red"), alt="Vieja"
    )
    product_submit_for_review(product=product, submitted_by=vendor_owner)
    listing_approve(product=product, moderator=moderator)

    new = product_image_add(
        product=product, added_by=vendor_owner, upload=_photo("blue"), alt="Nueva"
    )
    product_image_delete(image=old, deleted_by=vendor_owner)
    # Staged in a revision: the store keeps showing the approved photo.
    assert stored(product)["thumbnail"] == old.image

    listing_approve(product=Product.objects.get(pk=product.pk), moderator=moderator)
    assert stored(product)["thumbnail"] == new.image


def test_the_public_sorts_and_price_filters_read_the_kept_prices(vendor):
    from tests.factories import VariantFactory

    for name, price in (("Media", 20_000), ("Barata", 5_000), ("Cara", 90_000)):
        VariantFactory(product__vendor=vendor, product__name=name, price=price)
    cheapest = [p.name for p in product_list_visible(sort="price_asc")]
    assert cheapest == ["Barata", "Media", "Cara"]
    assert [p.name for p in product_list_visible(sort="price_desc")] == cheapest[::-1]
    within = product_list_visible(filters=ProductFilters(price_min=10_000, price_max=50_000))
    assert [p.name for p in within] == ["Media"]


def test_a_whole_catalogue_refresh_repairs_rows_written_around_the_services(vendor):
    from tests.factories import VariantFactory

    variant = VariantFactory(product__vendor=vendor, price=10_000)
    ProductVariant.objects.filter(pk=variant.pk).update(price=2_500, stock_quantity=0)
    assert stored(variant.product)["min_price"] == 10_000  # written around the services
    assert listing_fields_refresh(None) == Product.objects.count()
    assert stored(variant.product)["min_price"] == 2_500
    assert stored(variant.product)["is_available"] is False
