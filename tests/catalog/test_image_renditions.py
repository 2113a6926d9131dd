"""Product photos get every width from 160 to 1600 px: the upload stores what the page needs at
once, the outbox adds the rest by decoding the stored photo with Pillow, and photos stored
before the widths grew are filled by `product_renditions_fill`. Existing files keep their
names, so URLs already served keep working."""

import io
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from PIL import Image

from catalog.models import Product, ProductImage
from catalog.services.images import (
    UPLOAD_WIDTHS,
    WIDTHS,
    product_image_add,
    product_image_renditions_fill,
)
from marketplace.core.images import image_store_renditions
from tests.factories import ProductFactory
from tests.pages_catalog.support import listing
from tests.pages_vendors.support import storefront_vendor

WIDTH_KEYS = {str(width) for width in WIDTHS}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def product(vendor):
    return ProductFactory(vendor=vendor, status="draft")


def _upload(size=(1600, 1200), mode="RGB", fmt="JPEG", colour=(180, 120, 60)):
    buffer = io.BytesIO()
    Image.new(mode, size, colour).save(buffer, fmt)
    return SimpleUploadedFile(f"foto.{fmt.lower()}", buffer.getvalue())


def _decoded(name: str) -> Image.Image:
    with default_storage.open(name) as fh:
        image = Image.open(fh)
        image.load()
    return image


def _add(product, user, upload, capture):
    with capture(execute=True):
        image = product_image_add(product=product, added_by=user, upload=upload, alt="Foto")
    return image


def test_upload_then_outbox_store_every_width_decoded_for_real(
    product, vendor_owner, django_capture_on_commit_callbacks
):
    image = _add(product, vendor_owner, _upload(), django_capture_on_commit_callbacks)
    stored = ProductImage.objects.get(pk=image.pk).image["renditions"]

    assert set(stored) == WIDTH_KEYS
    # What the upload stored is still there under the same names.
    for width in UPLOAD_WIDTHS:
        assert stored[str(width)] == image.image["renditions"][str(width)]
    for width in WIDTHS:
        entry = stored[str(width)]
        assert (entry["width"], entry["height"]) == (str(width), str(width * 3 // 4))
        webp, jpeg = _decoded(entry["webp"]), _decoded(entry["jpeg"])
        assert (webp.format, jpeg.format) == ("WEBP", "JPEG")
        assert webp.size == jpeg.size == (width, width * 3 // 4)
    # Named like the upload's files, so a photo's renditions stay together.
    assert len({entry["webp"].rsplit("-", 1)[0] for entry in stored.values()}) == 1
    # The list pages read the first photo from the product row.
    assert set(Product.objects.get(pk=product.pk).thumbnail["renditions"]) == WIDTH_KEYS


def test_filling_again_changes_nothing(product, vendor_owner, django_capture_on_commit_callbacks):
    image = _add(product, vendor_owner, _upload(), django_capture_on_commit_callbacks)
    before = ProductImage.objects.get(pk=image.pk).image
    files = sorted(p.name for p in _media_files())

    assert product_image_renditions_fill(image_id=image.pk) == 0
    assert ProductImage.objects.get(pk=image.pk).image == before
    assert sorted(p.name for p in _media_files()) == files


def _media_files():
    return [p for p in Path(default_storage.location).rglob("*") if p.is_file()]


def test_a_small_photo_is_never_upscaled(product, vendor_owner, django_capture_on_commit_callbacks):
    image = _add(product, vendor_owner, _upload((400, 300)), django_capture_on_commit_callbacks)
    stored = ProductImage.objects.get(pk=image.pk).image["renditions"]

    assert set(stored) == WIDTH_KEYS
    assert stored["160"]["width"] == "160" and stored["320"]["width"] == "320"
    for width in (480, 800, 1200, 1600):
        assert stored[str(width)]["width"] == "400"
        assert _decoded(stored[str(width)]["jpeg"]).size == (400, 300)


def test_transparency_survives_in_the_added_webp(
    product, vendor_owner, django_capture_on_commit_callbacks
):
    upload = _upload((800, 600), mode="RGBA", fmt="PNG", colour=(0, 100, 0, 128))
    image = _add(product, vendor_owner, upload, django_capture_on_commit_callbacks)
    stored = ProductImage.objects.get(pk=image.pk).image["renditions"]

    webp = _decoded(stored["160"]["webp"])
    assert webp.mode == "RGBA" and webp.getpixel((10, 10))[3] == 128
    assert _decoded(stored["160"]["jpeg"]).mode == "RGB"


def test_a_deleted_photo_is_left_alone(product, vendor_owner):
    image = product_image_add(product=product, added_by=vendor_owner, upload=_upload(), alt="x")
    files = len(_media_files())
    ProductImage.with_staged.filter(pk=image.pk).delete()

    assert product_image_renditions_fill(image_id=image.pk) == 0
    assert len(_media_files()) == files


def test_photos_stored_before_the_widths_grew_are_filled_by_the_command(
    db, capsys, django_capture_on_commit_callbacks
):
    product = listing(storefront_vendor(display_name="Cueros del Sur"), "Billetera", images=0)
    old = image_store_renditions(
        _upload(), prefix=f"products/{product.pk}", widths=(320, 800, 1600)
    ).as_json()
    image = ProductImage.objects.create(product=product, position=0, alt="Billetera", image=old)

    with django_capture_on_commit_callbacks(execute=True):
        call_command("product_renditions_fill")
    stored = ProductImage.objects.get(pk=image.pk).image

    assert "1 photos queued" in capsys.readouterr().out
    assert set(stored["renditions"]) == WIDTH_KEYS
    for width in ("320", "800", "1600"):
        assert stored["renditions"][width] == old["renditions"][width]
        assert default_storage.exists(old["renditions"][width]["jpeg"])
    assert (stored["width"], stored["height"]) == (old["width"], old["height"])
    assert _decoded(stored["renditions"]["480"]["jpeg"]).size == (480, 360)

    with django_capture_on_commit_callbacks(execute=True):
        call_command("product_renditions_fill")
    assert "0 photos queued" in capsys.readouterr().out


def test_cards_and_product_page_offer_every_width(client, db):
    product = listing(storefront_vendor(display_name="Cueros del Sur"), "Billetera", images=0)
    stored = image_store_renditions(
        _upload(), prefix=f"products/{product.pk}", widths=UPLOAD_WIDTHS
    )
    image = ProductImage.objects.create(
        product=product, position=0, alt="Billetera", image=stored.as_json()
    )
    product_image_renditions_fill(image_id=image.pk)

    for path in ("/catalogo/", f"/producto/{product.slug}/"):
        html = client.get(path).content.decode()
        srcset = html.split('type="image/webp" srcset="', 1)[1].split('"', 1)[0]
        assert [entry.rsplit(" ", 1)[1] for entry in srcset.split(", ")] == [
            f"{width}w" for width in WIDTHS
        ]
        assert 'sizes="' in html and 'width="160" height="120"' in html
        # The first photo is on the first screen: loading it lazily would only delay it.
        assert 'loading="eager"' in html


def test_the_full_size_link_stays_on_the_widest_rendition(db):
    from frontend_templates.views.catalog_cards import largest_url

    product = listing(storefront_vendor(display_name="Cueros del Sur"), "Billetera", images=0)
    stored = image_store_renditions(
        _upload((700, 525)), prefix=f"products/{product.pk}", widths=UPLOAD_WIDTHS
    )
    image = ProductImage.objects.create(
        product=product, position=0, alt="Billetera", image=stored.as_json()
    )
    before = largest_url(image.image)
    product_image_renditions_fill(image_id=image.pk)

    image.refresh_from_db()
    # 800, 1200 and 1600 are all 700 px wide; the link keeps pointing at the 1600 file.
    assert largest_url(image.image) == before
    assert before.endswith("-1600.jpg")
