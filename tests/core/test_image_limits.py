"""Uploads that are cheap to send but costly to decode are refused from their header, and none
of the uploader's metadata survives into the served renditions."""

import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from marketplace.core.images import ImageErrorCode, image_open, image_store_renditions


def png_header_claiming(width: int, height: int) -> bytes:
    """A PNG whose header announces `width` x `height` followed by a few bytes of pixel data:
    decoding it would fail, so a refusal for its size proves the header alone was read."""
    small = io.BytesIO()
    Image.new("RGB", (8, 8)).save(small, "PNG")
    data = bytearray(small.getvalue())
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    data[16:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + ihdr) & 0xFFFFFFFF)
    return bytes(data)


def error_code(exc: ValidationError) -> str:
    return exc.error_dict["image"][0].code


@pytest.mark.parametrize("size", [(7300, 5466), (6000, 4001)])  # 39.9 MP, just over 24 MP
def test_images_over_24_megapixels_are_refused_from_the_header(size):
    upload = SimpleUploadedFile("bomba.png", png_header_claiming(*size))
    with pytest.raises(ValidationError) as caught:
        image_open(upload)
    assert error_code(caught.value) == ImageErrorCode.IMAGE_TOO_MANY_PIXELS
    assert "24 megapíxeles" in caught.value.error_dict["image"][0].messages[0]


def test_a_small_file_that_decodes_to_many_pixels_is_refused():
    # The sweep's case: a flat-colour PNG of about 130 KB that decodes to 39.9 megapixels.
    out = io.BytesIO()
    Image.new("RGB", (7300, 5466), (200, 30, 30)).save(out, "PNG", optimize=True)
    assert len(out.getvalue()) < 200_000
    with pytest.raises(ValidationError) as caught:
        image_open(SimpleUploadedFile("plano.png", out.getvalue()))
    assert error_code(caught.value) == ImageErrorCode.IMAGE_TOO_MANY_PIXELS


def test_a_photo_at_the_limit_is_still_accepted():
    upload = SimpleUploadedFile("ok.png", png_header_claiming(6000, 4000))
    with pytest.raises(ValidationError) as caught:
        image_open(upload)
    # Within the limit, so the (truncated) pixels were decoded and found damaged.
    assert error_code(caught.value) == ImageErrorCode.IMAGE_INVALID


def test_jpeg_comments_do_not_reach_the_renditions(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    out = io.BytesIO()
    Image.new("RGB", (640, 480), (10, 120, 60)).save(
        out, "JPEG", comment=b"Cra 45 #12-30, casa de Ana", quality=90
    )
    stored = image_store_renditions(
        SimpleUploadedFile("foto.jpg", out.getvalue()), prefix="t", widths=(320, 1600)
    )
    assert list(stored.renditions) == ["320", "1600"]
    assert stored.renditions["1600"]["width"] == "640"
    for entry in stored.renditions.values():
        for key in ("jpeg", "webp"):
            with default_storage.open(entry[key]) as handle:
                content = handle.read()
            assert b"casa de Ana" not in content
            with Image.open(io.BytesIO(content)) as served:
                assert "comment" not in served.info
                assert "icc_profile" not in served.info
