"""What a listing needs before it goes to review, and flags that stay true while it waits: the
rules live in the services, so the dashboard and the API answer alike."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from graphql_relay import to_global_id
from PIL import Image

from catalog.models import ModerationCase, Product
from catalog.services.images import product_image_add, product_image_delete
from catalog.services.products import ProductInput, product_submit_for_review, product_update
from catalog.services.variants import variant_update
from tests.factories import ProductFactory, VariantFactory

SUBMIT = """
mutation($id: ID!) { productSubmitForReview(id: $id) { product { status } errors { field code message } } }
"""


def _jpeg() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), (200, 120, 60)).save(buffer, "JPEG")
    return SimpleUploadedFile("diseno.jpg", buffer.getvalue())


def _draft(vendor, **fields):
    fields.setdefault("description", "Hecha a mano con maíz tierno, queso campesino y mantequilla.")
    product = ProductFactory(vendor=vendor, status="draft", published_at=None, **fields)
    VariantFactory(product=product, price=45_900)
    return product


def _flags(product):
    case = ModerationCase.objects.get(product=product, decided_at__isnull=True)
    return {flag["code"] for flag in case.flags}


def test_goods_without_a_photo_stay_in_draft(vendor, vendor_owner):
    product = _draft(vendor)
    with pytest.raises(ValidationError) as exc:
        product_submit_for_review(product=product, submitted_by=vendor_owner)
    error = exc.value.error_dict["images"][0]
    assert error.code == "image_required" and "foto" in error.message
    assert Product.objects.get(pk=product.pk).status == "draft"
    assert not ModerationCase.objects.filter(product=product).exists()


def test_a_service_may_go_to_review_without_a_photo_and_is_flagged(vendor, vendor_owner):
    product = _draft(vendor, kind="service")
    product_submit_for_review(product=product, submitted_by=vendor_owner)
    assert "no_image" in _flags(product)


@pytest.mark.django_db
def test_the_api_refuses_goods_without_a_photo_with_the_same_code(mutate, vendor, vendor_owner):
    product = _draft(vendor)
    result = mutate(SUBMIT, {"id": to_global_id("Product", product.pk)}, user=vendor_owner)
    assert result["errors"][0]["code"] == "image_required"
    assert result["errors"][0]["field"] == "images"
    assert Product.objects.get(pk=product.pk).status == "draft"


def test_flags_follow_the_listing_while_it_waits(vendor, vendor_owner):
    product = _draft(vendor, kind="service", description="Corta.")
    product_submit_for_review(product=product, submitted_by=vendor_owner)
    assert {"no_image", "short_description"} <= _flags(product)

    image = product_image_add(
        product=product, added_by=vendor_owner, upload=_jpeg(), alt="Diseño terminado"
    )
    assert "no_image" not in _flags(product)
    product_update(
        product=product,
        updated_by=vendor_owner,
        data=ProductInput(
            values={"description": "Réplica de una marca famosa, con entrega en tres días."}
        ),
    )
    flags = _flags(product)
    assert "short_description" not in flags and "prohibited_words" in flags
    product_image_delete(image=image, deleted_by=vendor_owner)
    assert "no_image" in _flags(product)


def test_a_price_fixed_during_review_clears_the_outlier_flag(vendor, vendor_owner):
    for i in range(6):
        ProductFactory(vendor=vendor, name=f"Arepa publicada {i}", photo=True)
        VariantFactory(product=Product.objects.get(name=f"Arepa publicada {i}"), price=10_000)
    product = _draft(vendor, kind="service", name="Bandeja de arepas")
    variant = product.variants.get()
    variant_update(variant=variant, updated_by=vendor_owner, values={"price": 990_000})
    product_submit_for_review(product=product, submitted_by=vendor_owner)
    assert "price_outlier" in _flags(product)
    variant_update(variant=variant, updated_by=vendor_owner, values={"price": 12_000})
    assert "price_outlier" not in _flags(product)
