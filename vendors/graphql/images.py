"""Stored image renditions (marketplace.core.images) as URLs."""

import graphene

from marketplace.core.media_urls import media_url


class ImageFormat(graphene.Enum):
    WEBP = "webp"
    JPEG = "jpeg"


class ImageRendition(graphene.ObjectType):
    width = graphene.Int(required=True, description="Real width in pixels.")
    height = graphene.Int(required=True, description="Real height in pixels.")
    webp = graphene.String(required=True, description="URL of the WebP file.")
    jpeg = graphene.String(required=True, description="URL of the JPEG fallback.")


def _renditions(stored: dict) -> list[dict]:
    entries = [
        {
            "width": int(entry.get("width") or requested),
            "height": int(entry.get("height") or 0),
            "webp": media_url(entry["webp"]),
            "jpeg": media_url(entry["jpeg"]),
        }
        for requested, entry in (stored.get("renditions") or {}).items()
        if entry.get("webp") and entry.get("jpeg")
    ]
    return sorted(entries, key=lambda entry: entry["width"])


class Image(graphene.ObjectType):
    """An uploaded image, re-encoded into renditions of a few widths (never upscaled)."""

    width = graphene.Int(required=True)
    height = graphene.Int(required=True)
    renditions = graphene.List(
        graphene.NonNull(ImageRendition), required=True, description="Narrowest first."
    )
    url = graphene.String(
        required=True,
        width=graphene.Int(description="Wanted width; the narrowest rendition at least as wide."),
        format=ImageFormat(default_value=ImageFormat.WEBP.value),
        description="URL of one rendition; the widest when `width` is omitted or too large.",
    )

    @staticmethod
    def resolve_width(root, info):
        return int(root.get("width") or 0)

    @staticmethod
    def resolve_height(root, info):
        return int(root.get("height") or 0)

    @staticmethod
    def resolve_renditions(root, info):
        return _renditions(root)

    @staticmethod
    def resolve_url(root, info, width=None, format=ImageFormat.WEBP.value):
        entries = _renditions(root)
        wide_enough = [entry for entry in entries if width is None or entry["width"] >= width]
        chosen = wide_enough[0] if width is not None and wide_enough else entries[-1]
        # An explicit `format: null` arrives as None rather than the default.
        format = format or ImageFormat.WEBP.value
        return chosen[getattr(format, "value", format)]


def image_or_none(stored: dict | None) -> dict | None:
    """An image field's JSON when it holds a rendition: `{}` means no image, not an empty one."""
    return stored if stored and stored.get("renditions") else None
