"""productImageCreate over real HTTP with the GraphQL multipart request spec."""

import io
import json

from django.test import Client
from graphql_relay import to_global_id
from PIL import Image

from catalog.models import ProductImage
from marketplace.accounts.tokens import token_create
from tests.factories import PASSWORD, ProductFactory

MUTATION = """
mutation($product: ID!, $image: Upload!, $alt: String!) {
  productImageCreate(product: $product, image: $image, alt: $alt) {
    image { alt width height url(size: 320) }
    errors { field code message }
  }
}
"""


def _post(product, upload_bytes, token, *, mapping=None):
    operations = {
        "query": MUTATION,
        "variables": {
            "product": to_global_id("Product", product.pk),
            "image": None,
            "alt": "Arepa",
        },
    }
    upload = io.BytesIO(upload_bytes)
    upload.name = "foto.png"
    return Client().post(
        "/graphql/",
        {
            "operations": json.dumps(operations),
            "map": json.dumps(mapping or {"0": ["variables.image"]}),
            "0": upload,
        },
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )


def _token(user, rf):
    return token_create(
        email=user.email, password=PASSWORD, request=rf.post("/", REMOTE_ADDR="127.0.0.1")
    ).token


def test_multipart_upload_stores_renditions(vendor, vendor_owner, rf):
    product = ProductFactory(vendor=vendor, status="draft")
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), (10, 120, 60)).save(buffer, "PNG")
    response = _post(product, buffer.getvalue(), _token(vendor_owner, rf))
    payload = response.json()["data"]["productImageCreate"]
    assert payload["errors"] == []
    assert payload["image"]["width"] == 640 and payload["image"]["url"].endswith("-320.webp")
    assert ProductImage.objects.filter(product=product).count() == 1


def test_multipart_upload_of_a_fake_image_is_a_field_error(vendor, vendor_owner, rf):
    product = ProductFactory(vendor=vendor, status="draft")
    response = _post(product, b"%PDF-1.4 not an image", _token(vendor_owner, rf))
    payload = response.json()["data"]["productImageCreate"]
    assert payload["errors"][0]["code"] == "image_format"
    assert not ProductImage.objects.exists()


def test_malformed_multipart_map_is_a_400_not_a_500(vendor, vendor_owner, rf):
    product = ProductFactory(vendor=vendor, status="draft")
    response = _post(product, b"x", _token(vendor_owner, rf), mapping={"0": ["query"]})
    assert response.status_code == 400
    assert "multipart" in response.json()["errors"][0]["message"]
