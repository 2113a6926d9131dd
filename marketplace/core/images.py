"""Untrusted image uploads: decode safely, normalise, re-encode into renditions.

Only JPEG, PNG and WebP are ever decoded (Pillow is told the formats explicitly, so a crafted
file cannot reach another decoder). Size and pixel limits are checked before decoding the
pixels. Orientation is applied from EXIF and then all metadata (EXIF, GPS) is dropped by
re-encoding. Renditions are WebP with a JPEG fallback, stored through Django's storage API.
"""

import io
import uuid
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from .errors import ErrorCode

ALLOWED_FORMATS = ("JPEG", "PNG", "WEBP")
MAX_BYTES = 10 * 1024 * 1024
# 24 MP holds a 6000 x 4000 camera photo; every megapixel above it is decoding and resizing
# work any vendor could ask for with a tiny, highly compressed file.
MAX_PIXELS = 24_000_000


class ImageErrorCode(ErrorCode):
    IMAGE_INVALID = "image_invalid"
    IMAGE_TOO_LARGE = "image_too_large"
    IMAGE_TOO_MANY_PIXELS = "image_too_many_pixels"
    IMAGE_FORMAT = "image_format"


@dataclass(frozen=True)
class StoredImage:
    """`renditions` maps a width to {"webp": path, "jpeg": path}; sizes are the real ones."""

    width: int
    height: int
    renditions: dict[str, dict[str, str]] = field(default_factory=dict)

    def as_json(self) -> dict:
        return {"width": self.width, "height": self.height, "renditions": self.renditions}


def _invalid(field_name: str, message: str, code: ImageErrorCode) -> ValidationError:
    return ValidationError({field_name: ValidationError(message, code=code)})


def image_open(
    upload,
    *,
    field_name: str = "image",
    max_bytes: int | None = None,
    max_pixels: int | None = None,
):
    """Return a fully decoded, upright RGB(A) image or raise a field ValidationError."""
    max_bytes = max_bytes or MAX_BYTES
    max_pixels = max_pixels or MAX_PIXELS
    size = getattr(upload, "size", None)
    if size is None:
        upload.seek(0, io.SEEK_END)
        size = upload.tell()
    if size > max_bytes:
        raise _invalid(
            field_name,
            _("La imagen pesa más de %(mb)d MB.") % {"mb": max_bytes // (1024 * 1024)},
            ImageErrorCode.IMAGE_TOO_LARGE,
        )
    upload.seek(0)
    try:
        # The pixel check runs on the header, before the (possibly huge) pixel data is decoded.
        with Image.open(upload, formats=ALLOWED_FORMATS) as probe:
            if probe.width * probe.height > max_pixels:
                raise _invalid(
                    field_name,
                    _("La imagen es demasiado grande (máximo %(mp)d megapíxeles).")
                    % {"mp": max_pixels // 1_000_000},
                    ImageErrorCode.IMAGE_TOO_MANY_PIXELS,
                )
            probe.load()
            image = ImageOps.exif_transpose(probe)
    except UnidentifiedImageError:
        raise _invalid(
            field_name, _("Sube una imagen JPEG, PNG o WebP."), ImageErrorCode.IMAGE_FORMAT
        ) from None
    except Image.DecompressionBombError:
        raise _invalid(
            field_name, _("La imagen es demasiado grande."), ImageErrorCode.IMAGE_TOO_MANY_PIXELS
        ) from None
    except (OSError, SyntaxError, ValueError):
        raise _invalid(
            field_name, _("La imagen está dañada o incompleta."), ImageErrorCode.IMAGE_INVALID
        ) from None
    mode = "RGBA" if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info else "RGB"
    image = image.convert(mode)
    # Pillow writes some of `info` back when saving (a JPEG's comment, an ICC profile): none of
    # the uploader's metadata may reach the renditions.
    image.info.clear()
    return image


def _encode(image: Image.Image, fmt: str) -> bytes:
    out = io.BytesIO()
    if fmt == "JPEG":
        if image.mode == "RGBA":
            background = Image.new("RGB", image.size, (255, 255, 255))
            background.paste(image, mask=image.getchannel("A"))
            image = background
        image.save(out, "JPEG", quality=85, optimize=True, progressive=True)
    else:
        image.save(out, "WEBP", quality=82, method=4)
    return out.getvalue()


def image_store_renditions(
    upload,
    *,
    prefix: str,
    widths: tuple[int, ...],
    field_name: str = "image",
    crop_square: bool = False,
) -> StoredImage:
    """Decode `upload` and store one WebP and one JPEG per width (never upscaled)."""
    image = image_open(upload, field_name=field_name)
    if crop_square:
        side = min(image.size)
        image = ImageOps.fit(image, (side, side))
    stem = f"{prefix}/{uuid.uuid4().hex}"
    renditions = _store_widths(image, stem=stem, widths=widths)
    return StoredImage(width=image.width, height=image.height, renditions=renditions)


def _store_widths(image: Image.Image, *, stem: str, widths) -> dict[str, dict[str, str]]:
    renditions: dict[str, dict[str, str]] = {}
    source = image
    # Widest first, each rendition resized from the previous one: only the first resize reads
    # the full-size pixels, and `reducing_gap` lets it shrink by whole factors before filtering.
    for width in sorted(set(widths), reverse=True):
        target = min(width, image.width)
        height = max(1, round(image.height * target / image.width))
        resized = (
            source
            if target == source.width
            else source.resize((target, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
        )
        source = resized
        entry = {}
        for fmt, ext in (("WEBP", "webp"), ("JPEG", "jpg")):
            name = default_storage.save(f"{stem}-{width}.{ext}", ContentFile(_encode(resized, fmt)))
            entry[ext if ext != "jpg" else "jpeg"] = name
        entry["width"], entry["height"] = str(target), str(height)
        renditions[str(width)] = entry
    return dict(sorted(renditions.items(), key=lambda item: int(item[0])))


def image_add_renditions(stored: dict, *, widths) -> dict[str, dict[str, str]]:
    """Store the `widths` that `stored` (StoredImage.as_json()) lacks and return only those new
    renditions, named like the others. The original upload is not kept, so they are decoded
    from the widest stored WebP (the one that keeps transparency), through the same checks as
    an upload; never upscaled, so a width above the source repeats its size."""
    renditions = stored.get("renditions") or {}
    missing = [width for width in widths if str(width) not in renditions]
    usable = [entry for entry in renditions.values() if entry.get("webp")]
    if not missing or not usable:
        return {}
    widest = max(usable, key=lambda entry: int(entry.get("width") or 0))
    with default_storage.open(widest["webp"], "rb") as source:
        image = image_open(source)
    stem = widest["webp"].rsplit("-", 1)[0]
    return _store_widths(image, stem=stem, widths=missing)


def image_delete_renditions(renditions: dict) -> None:
    for entry in (renditions or {}).values():
        for key in ("webp", "jpeg"):
            if entry.get(key):
                default_storage.delete(entry[key])


def demo_font(size: int):
    """A font with Spanish accents for generated demo pictures: DejaVu Sans when the system has
    it, else Pillow's built-in font."""
    from PIL import ImageFont

    for name in ("DejaVuSans-Bold.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"):
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)
