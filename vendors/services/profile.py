"""Storefront profile edits by a vendor's members."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from marketplace.accounts.phones import phone_normalize
from marketplace.core.audit import audit_record
from marketplace.core.errors import CoreErrorCode
from marketplace.core.events import publish
from marketplace.core.images import image_delete_renditions, image_store_renditions
from marketplace.core.models import Municipality
from marketplace.core.money import to_pesos

from ..error_codes import VendorErrorCode
from ..events import VendorProfileChanged
from ..models import DeliveryZone, Vendor
from ..permissions import require_vendor_member

LOGO_WIDTHS = (96, 200, 400)
BANNER_WIDTHS = (640, 1280, 1920)
TEXT_FIELDS = {
    "display_name": 120,
    "short_description": 160,
    "description": 4000,
    "public_address": 255,
    "opening_hours": 255,
    "notice_address": 255,
}
URL_FIELDS = ("website", "instagram", "facebook", "tiktok")
PHONE_FIELDS = ("whatsapp", "notice_phone")
BOOL_FIELDS = ("offers_pickup", "offers_delivery", "vat_responsible")


@dataclass
class ProfileInput:
    """Only the attributes present in `values` change; `delivery_fees` replaces all zones."""

    values: dict = field(default_factory=dict)
    delivery_fees: dict[str, object] | None = None  # municipality slug -> fee in pesos
    logo: object | None = None  # uploaded file
    banner: object | None = None


def _clean(vendor: Vendor, values: dict) -> dict:
    errors: dict[str, list] = {}
    cleaned = {}
    for name, raw in values.items():
        if name in TEXT_FIELDS:
            value = str(raw or "").strip()
            if len(value) > TEXT_FIELDS[name]:
                errors[name] = [
                    ValidationError(
                        _("Máximo %(n)d caracteres.") % {"n": TEXT_FIELDS[name]},
                        code=CoreErrorCode.INVALID,
                    )
                ]
            elif name == "display_name" and not value:
                errors[name] = [
                    ValidationError(
                        _("Escribe el nombre de tu negocio."), code=CoreErrorCode.REQUIRED
                    )
                ]
            cleaned[name] = value
        elif name in URL_FIELDS:
            value = str(raw or "").strip()
            if value:
                try:
                    URLValidator(schemes=["http", "https"])(value)
                except ValidationError:
                    errors[name] = [
                        ValidationError(
                            _("Escribe una dirección web completa (https://...)."),
                            code=CoreErrorCode.INVALID,
                        )
                    ]
            cleaned[name] = value
        elif name in PHONE_FIELDS:
            try:
                cleaned[name] = phone_normalize(str(raw or ""), field=name)
            except ValidationError as exc:
                errors.update(exc.error_dict)
        elif name in BOOL_FIELDS:
            cleaned[name] = bool(raw)
        elif name == "notice_email":
            value = str(raw or "").strip().lower()
            if value:
                try:
                    validate_email(value)
                except ValidationError:
                    errors[name] = [
                        ValidationError(_("Escribe un correo válido."), code=CoreErrorCode.INVALID)
                    ]
            cleaned[name] = value
        elif name == "slug":
            value = slugify(str(raw or ""))[:140]
            if not value:
                errors[name] = [
                    ValidationError(
                        _("La dirección de tu tienda no puede quedar vacía."),
                        code=CoreErrorCode.REQUIRED,
                    )
                ]
            elif Vendor.objects.filter(slug=value).exclude(pk=vendor.pk).exists():
                errors[name] = [
                    ValidationError(
                        _("Esa dirección ya la usa otro negocio."), code=VendorErrorCode.SLUG_TAKEN
                    )
                ]
            cleaned[name] = value
        else:
            errors[name] = [ValidationError(_("Campo desconocido."), code=CoreErrorCode.INVALID)]
    if errors:
        raise ValidationError(errors)
    return cleaned


def _clean_fees(fees: dict[str, object]) -> list[tuple[Municipality, int]]:
    municipalities = {m.slug: m for m in Municipality.objects.all()}
    zones, errors = [], {}
    for slug, fee in fees.items():
        if slug not in municipalities:
            errors["delivery_fees"] = [
                ValidationError(
                    _("Municipio desconocido."), code=VendorErrorCode.UNKNOWN_MUNICIPALITY
                )
            ]
            continue
        try:
            zones.append((municipalities[slug], to_pesos(fee, field="delivery_fees")))
        except ValidationError as exc:
            errors.update(exc.error_dict)
    if errors:
        raise ValidationError(errors)
    return zones


@transaction.atomic
def vendor_profile_update(*, vendor: Vendor, updated_by, data: ProfileInput) -> Vendor:
    require_vendor_member(updated_by, vendor)
    vendor = Vendor.objects.select_for_update().get(pk=vendor.pk)
    errors: dict[str, list] = {}
    cleaned, zones = {}, None
    try:
        cleaned = _clean(vendor, data.values)
    except ValidationError as exc:
        errors.update(exc.error_dict)
    try:
        zones = _clean_fees(data.delivery_fees) if data.delivery_fees is not None else None
    except ValidationError as exc:
        errors.update(exc.error_dict)
    if errors:
        raise ValidationError(errors)
    # Images are decoded last: a text error must not leave orphan files behind.
    new_images = {}
    try:
        if data.logo is not None:
            new_images["logo"] = image_store_renditions(
                data.logo,
                prefix=f"vendors/{vendor.pk}/logo",
                widths=LOGO_WIDTHS,
                field_name="logo",
                crop_square=True,
            ).as_json()
        if data.banner is not None:
            new_images["banner"] = image_store_renditions(
                data.banner,
                prefix=f"vendors/{vendor.pk}/banner",
                widths=BANNER_WIDTHS,
                field_name="banner",
            ).as_json()
    except ValidationError:
        for stored in new_images.values():
            image_delete_renditions(stored["renditions"])
        raise
    before = {k: getattr(vendor, k) for k in cleaned}
    old_images = {k: getattr(vendor, k) for k in new_images}
    for name, value in {**cleaned, **new_images}.items():
        setattr(vendor, name, value)
    vendor.save()
    if zones is not None:
        vendor.delivery_zones.all().delete()
        DeliveryZone.objects.bulk_create(
            DeliveryZone(vendor=vendor, municipality=m, fee=fee) for m, fee in zones
        )
    changed = {k: v for k, v in cleaned.items() if before[k] != v}
    audit_record(
        actor=updated_by,
        action="vendor.profile_updated",
        target=vendor,
        data={
            "before": {k: before[k] for k in changed},
            "after": changed,
            "images": sorted(new_images),
            "delivery_fees": None if zones is None else {m.slug: fee for m, fee in zones},
        },
    )
    transaction.on_commit(
        lambda: [
            image_delete_renditions(img.get("renditions")) for img in old_images.values() if img
        ]
    )
    publish(VendorProfileChanged(vendor_id=vendor.pk))
    return vendor
