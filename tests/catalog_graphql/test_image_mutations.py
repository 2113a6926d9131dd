import io

import graphene
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from catalog.graphql.mutations.images import ProductImageCreate
from catalog.models import ProductImage
from marketplace.graphql.schema import schema as api_schema

from .conftest import ERRORS
from .support import add_image, gid, listed_product

IMAGES = "product { images { alt } }"
DELETE = f"mutation($id: ID!) {{ productImageDelete(id: $id) {{ {IMAGES} {ERRORS} }} }}"
REORDER = f"""
mutation($product: ID!, $images: [ID!]!) {{
  productImageReorder(product: $product, images: $images) {{ {IMAGES} {ERRORS} }}
}}
"""


def codes(payload):
    return [(error["field"], error["code"]) for error in payload["errors"]]


@pytest.fixture
def gallery(vendor):
    """A product of `vendor` with three images, in the order cover, side, back."""
    product = listed_product(vendor=vendor, status="draft")
    product.images.all().delete()
    images = [
        add_image(product, alt=alt, position=position)
        for position, alt in enumerate(("Portada", "Lado", "Atrás"))
    ]
    return product, images


def test_member_reorders_and_deletes_images(mutate, gallery, vendor_owner):
    product, (cover, side, back) = gallery
    reordered = mutate(
        REORDER,
        {"product": gid(product), "images": [gid(back), gid(cover), gid(side)]},
        user=vendor_owner,
    )
    assert reordered["errors"] == []
    assert [image["alt"] for image in reordered["product"]["images"]] == [
        "Atrás",
        "Portada",
        "Lado",
    ]
    deleted = mutate(DELETE, {"id": gid(cover)}, user=vendor_owner)
    assert deleted["errors"] == []
    assert [image["alt"] for image in deleted["product"]["images"]] == ["Atrás", "Lado"]


def test_a_reorder_must_list_each_image_once(mutate, gallery, vendor_owner):
    product, (cover, side, back) = gallery
    for images in ([gid(cover), gid(side)], [gid(cover), gid(side), gid(side)]):
        result = mutate(REORDER, {"product": gid(product), "images": images}, user=vendor_owner)
        assert codes(result) == [("images", "invalid")]
    not_images = mutate(
        REORDER, {"product": gid(product), "images": [gid(product)]}, user=vendor_owner
    )
    assert codes(not_images) == [("images", "invalid")]
    assert list(product.images.values_list("alt", flat=True)) == ["Portada", "Lado", "Atrás"]


@pytest.mark.parametrize("who", [None, "citizen", "coordinator", "vendor_owner"])
def test_nobody_but_its_vendors_members_touches_its_images(mutate, request, other_vendor, who):
    product = listed_product(vendor=other_vendor)
    image = product.images.get()
    user = request.getfixturevalue(who) if who else None
    for document, variables in (
        (DELETE, {"id": gid(image)}),
        (REORDER, {"product": gid(product), "images": [gid(image)]}),
    ):
        assert codes(mutate(document, variables, user=user)) == [(None, "permission_denied")]
    assert ProductImage.objects.filter(pk=image.pk).exists()


def test_images_of_archived_products_cannot_be_deleted(mutate, vendor, vendor_owner):
    product = listed_product(vendor=vendor, status="archived")
    result = mutate(DELETE, {"id": gid(product.images.get())}, user=vendor_owner)
    assert codes(result) == [("status", "product_archived")]
    assert product.images.exists()


# productImageCreate is not in the API's schema until the endpoint parses multipart requests
# (see catalog.graphql.mutations). This runs it on a schema that has it, with the uploaded file
# already in the variables, which is what the endpoint will do.

CREATE = f"""
mutation($product: ID!, $image: Upload!, $alt: String!) {{
  productImageCreate(product: $product, image: $image, alt: $alt) {{
    image {{ alt width height url }}
    {ERRORS}
  }}
}}
"""


def _with_upload():
    mutation = type(
        "Mutation", (api_schema.mutation,), {"product_image_create": ProductImageCreate.Field()}
    )
    return graphene.Schema(query=api_schema.query, mutation=mutation)


def _jpeg(width=1000, height=500) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 120, 40)).save(buffer, "JPEG")
    return SimpleUploadedFile("foto.jpg", buffer.getvalue(), content_type="image/jpeg")


def _run(rf, user, variables):
    request = rf.post("/graphql/")
    request.user = user
    result = _with_upload().execute(CREATE, variables=variables, context_value=request)
    assert result.errors is None, result.errors
    return result.data["productImageCreate"]


def test_image_create_stores_renditions_once_a_file_reaches_it(rf, vendor, vendor_owner):
    product = listed_product(vendor=vendor, status="draft")
    created = _run(
        rf, vendor_owner, {"product": gid(product), "image": _jpeg(), "alt": "Arepa asada"}
    )
    assert created["errors"] == []
    assert created["image"]["alt"] == "Arepa asada"
    assert (created["image"]["width"], created["image"]["height"]) == (1000, 500)
    assert created["image"]["url"].endswith("-1600.webp")
    assert product.images.count() == 2


def test_image_create_is_refused_to_other_vendors(rf, vendor_owner, other_vendor):
    product = listed_product(vendor=other_vendor)
    refused = _run(rf, vendor_owner, {"product": gid(product), "image": _jpeg(), "alt": "Mía"})
    assert [(e["field"], e["code"]) for e in refused["errors"]] == [(None, "permission_denied")]
    assert product.images.count() == 1


def test_image_create_refuses_a_file_that_is_not_an_image(rf, vendor, vendor_owner):
    product = listed_product(vendor=vendor, status="draft")
    fake = SimpleUploadedFile("foto.jpg", b"no soy una imagen", content_type="image/jpeg")
    refused = _run(rf, vendor_owner, {"product": gid(product), "image": fake, "alt": "X"})
    assert [(e["field"], e["code"]) for e in refused["errors"]] == [("image", "image_format")]
    assert product.images.count() == 1
