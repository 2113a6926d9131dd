"""The image pipeline on real files: formats, bombs, metadata, renditions, storage."""

import io

import boto3
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from catalog.models import ProductImage
from catalog.services.images import product_image_add, product_image_delete, product_image_reorder
from tests.factories import ProductFactory, VendorMembershipFactory


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def product(vendor):
    # Photos of a draft apply at once; a live listing stages them (tests/moderation/test_revisions).
    return ProductFactory(vendor=vendor, status="draft")


def _jpeg_with_gps(width=1200, height=900):
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: the camera was turned, show rotated 90°
    exif[0x010F] = "CámaraDePrueba"
    exif[0x8825] = {1: "N", 2: (6.0, 14.0, 30.0), 3: "W", 4: (75.0, 34.0, 0.0)}
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (180, 120, 60)).save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def _stored_files(image):
    return [entry[fmt] for entry in image.image["renditions"].values() for fmt in ("webp", "jpeg")]


def test_jpeg_with_gps_comes_out_upright_and_clean(product, vendor_owner):
    upload = SimpleUploadedFile("foto.jpg", _jpeg_with_gps())
    image = product_image_add(
        product=product, added_by=vendor_owner, upload=upload, alt="Arepa en el plato"
    )
    assert (image.image["width"], image.image["height"]) == (900, 1200)  # EXIF rotation applied
    assert set(image.image["renditions"]) == {"320", "800", "1600"}
    for name in _stored_files(image):
        with default_storage.open(name) as fh:
            stored = Image.open(fh)
            stored.load()
            assert not stored.getexif(), name
            assert "exif" not in stored.info and "xmp" not in stored.info
    assert image.image["renditions"]["1600"]["width"] == "900"  # never upscaled


def test_png_with_a_jpg_extension_is_read_by_its_content(product, vendor_owner):
    buffer = io.BytesIO()
    Image.new("RGBA", (400, 300), (0, 100, 0, 128)).save(buffer, "PNG")
    image = product_image_add(
        product=product,
        added_by=vendor_owner,
        upload=SimpleUploadedFile("mentira.jpg", buffer.getvalue()),
        alt="Logo",
    )
    with default_storage.open(image.image["renditions"]["320"]["jpeg"]) as fh:
        assert Image.open(fh).format == "JPEG"


def test_decompression_bomb_is_refused_without_decoding(product, vendor_owner):
    buffer = io.BytesIO()
    Image.new("1", (20_000, 20_000)).save(buffer, "PNG")  # 400 MP in ~50 KB
    assert len(buffer.getvalue()) < 1_000_000
    with pytest.raises(ValidationError) as exc:
        product_image_add(
            product=product,
            added_by=vendor_owner,
            upload=SimpleUploadedFile("b.png", buffer.getvalue()),
            alt="x",
        )
    assert exc.value.error_dict["image"][0].code == "image_too_many_pixels"
    assert not ProductImage.objects.exists()


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (
            b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x00\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;",
            "image_format",
        ),
        (b"%PDF-1.4 not an image", "image_format"),
        (_jpeg_with_gps()[:600], "image_invalid"),
    ],
    ids=["gif", "pdf", "truncated-jpeg"],
)
def test_other_formats_and_broken_files_are_refused_and_nothing_is_stored(
    product, vendor_owner, content, code, settings
):
    with pytest.raises(ValidationError) as exc:
        product_image_add(
            product=product,
            added_by=vendor_owner,
            upload=SimpleUploadedFile("x.jpg", content),
            alt="x",
        )
    assert exc.value.error_dict["image"][0].code == code
    assert not ProductImage.objects.exists()
    media = settings.MEDIA_ROOT
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))


def test_alt_text_is_required_and_at_most_ten_images(product, vendor_owner):
    small = io.BytesIO()
    Image.new("RGB", (50, 50)).save(small, "WEBP")
    with pytest.raises(ValidationError) as exc:
        product_image_add(
            product=product,
            added_by=vendor_owner,
            upload=SimpleUploadedFile("a.webp", small.getvalue()),
            alt=" ",
        )
    assert exc.value.error_dict["alt"][0].code == "required"
    images = [
        product_image_add(
            product=product,
            added_by=vendor_owner,
            upload=SimpleUploadedFile("a.webp", small.getvalue()),
            alt=f"Vista {i}",
        )
        for i in range(10)
    ]
    with pytest.raises(ValidationError) as exc:
        product_image_add(
            product=product,
            added_by=vendor_owner,
            upload=SimpleUploadedFile("a.webp", small.getvalue()),
            alt="Once",
        )
    assert exc.value.error_dict["image"][0].code == "too_many_images"
    reordered = product_image_reorder(
        product=product, reordered_by=vendor_owner, image_ids=[i.pk for i in reversed(images)]
    )
    assert [i.alt for i in product.images.all()] == [i.alt for i in reordered]


def test_deleting_an_image_removes_its_files_after_commit(
    product, vendor_owner, django_capture_on_commit_callbacks
):
    image = product_image_add(
        product=product,
        added_by=vendor_owner,
        upload=SimpleUploadedFile("f.jpg", _jpeg_with_gps(200, 100)),
        alt="x",
    )
    files = _stored_files(image)
    with django_capture_on_commit_callbacks(execute=True):
        product_image_delete(image=image, deleted_by=vendor_owner)
    assert not any(default_storage.exists(name) for name in files)


def test_another_vendor_cannot_add_images(product):
    other = VendorMembershipFactory().user
    with pytest.raises(PermissionDenied):
        product_image_add(
            product=product,
            added_by=other,
            upload=SimpleUploadedFile("f.jpg", _jpeg_with_gps()),
            alt="x",
        )


def test_renditions_go_to_an_s3_bucket_over_http(product, vendor_owner, settings, s3_server):
    """A real S3-protocol server on loopback (moto's server mode): real HTTP, real signatures."""
    credentials = {"aws_access_key_id": "tienda", "aws_secret_access_key": "tienda-secreta"}
    client = boto3.client("s3", endpoint_url=s3_server, region_name="us-east-1", **credentials)
    client.create_bucket(Bucket="tienda-media")
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": "tienda-media",
                "endpoint_url": s3_server,
                "region_name": "us-east-1",
                "access_key": credentials["aws_access_key_id"],
                "secret_key": credentials["aws_secret_access_key"],
                "querystring_auth": False,
                "file_overwrite": False,
                "object_parameters": {"CacheControl": settings.MEDIA_CACHE_CONTROL},
            },
        },
    }
    image = product_image_add(
        product=product,
        added_by=vendor_owner,
        upload=SimpleUploadedFile("f.jpg", _jpeg_with_gps()),
        alt="Arepa",
    )
    webp = image.image["renditions"]["800"]["webp"]
    head = client.head_object(Bucket="tienda-media", Key=webp)
    assert head["ContentType"] == "image/webp"
    assert head["CacheControl"] == "public, max-age=31536000, immutable"
    body = client.get_object(Bucket="tienda-media", Key=image.image["renditions"]["320"]["jpeg"])[
        "Body"
    ].read()
    assert Image.open(io.BytesIO(body)).format == "JPEG"
    assert default_storage.url(webp).startswith(s3_server + "/tienda-media/")


def test_local_renditions_are_served_with_a_year_long_cache_and_their_type(
    client, product, vendor_owner
):
    image = product_image_add(
        product=product,
        added_by=vendor_owner,
        upload=SimpleUploadedFile("f.jpg", _jpeg_with_gps(400, 300)),
        alt="x",
    )
    for fmt, content_type in (("webp", "image/webp"), ("jpeg", "image/jpeg")):
        response = client.get(default_storage.url(image.image["renditions"]["320"][fmt]))
        assert response.status_code == 200
        assert response["Content-Type"] == content_type
        assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    assert client.get("/media/../marketplace/settings.py").status_code in (400, 404)
