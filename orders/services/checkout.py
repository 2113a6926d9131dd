"""The buyer's checkout details: contact, document, address, delivery per business, consent.
Request-free: it takes the cart (the checkout's handle is the cart token). An update applies
every given field or, on any error, none of them."""

import datetime
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.models import ProductVariant
from marketplace.accounts.phones import phone_normalize
from marketplace.core.models import Municipality
from vendors.identifiers import nit_normalize

from ..error_codes import CheckoutErrorCode
from ..models import Cart, CartLine, CheckoutDetails, DeliveryMethod, DocumentType

TEXT_LIMITS = {
    "first_name": 100,
    "last_name": 100,
    "street_address": 200,
    "address_details": 200,
}
DOCUMENT_PATTERN = re.compile(r"^[A-Za-z0-9]{3,20}$")
FIELDS = {
    *TEXT_LIMITS,
    "email",
    "phone",
    "document_type",
    "document_number",
    "municipality",
    "postal_code",
    "delivery_choices",
    "appointment_dates",
    "accept_privacy_policy",
    "accept_terms",
    "accept_price_changes",
}


def _err(errors: dict, name: str, message: str, code) -> None:
    errors.setdefault(name, []).append(ValidationError(message, code=str(code)))


def _municipality(raw) -> Municipality | None:
    value = str(raw or "").strip()
    if not value:
        return None
    return (
        Municipality.objects.filter(dane_code=value).first()
        or Municipality.objects.filter(slug=value).first()
    )


def _clean(values: dict, cart: Cart) -> tuple[dict, dict]:
    errors: dict[str, list] = {}
    cleaned: dict = {}
    for name, raw in values.items():
        if name not in FIELDS:
            _err(errors, name, _("Campo desconocido."), CheckoutErrorCode.INVALID)
        elif name in TEXT_LIMITS:
            cleaned[name] = " ".join(str(raw or "").split())[: TEXT_LIMITS[name]]
        elif name == "email":
            email = str(raw or "").strip().lower()
            try:
                validate_email(email)
            except ValidationError:
                _err(errors, name, _("Escribe un correo válido."), CheckoutErrorCode.INVALID_EMAIL)
            cleaned[name] = email
        elif name == "phone":
            try:
                cleaned[name] = phone_normalize(str(raw or ""), field=name)
            except ValidationError as exc:
                errors.update(exc.error_dict)
        elif name == "document_type":
            raw = raw or ""
            if raw and raw not in DocumentType.values:
                _err(errors, name, _("Elige un tipo de documento."), CheckoutErrorCode.INVALID)
            cleaned[name] = raw
        elif name == "document_number":
            cleaned[name] = re.sub(r"[\s.\-]", "", str(raw or ""))
        elif name == "municipality":
            found = _municipality(raw)
            if found is None and str(raw or "").strip():
                _err(
                    errors,
                    name,
                    _("Elige un municipio de la lista."),
                    CheckoutErrorCode.UNKNOWN_MUNICIPALITY,
                )
            cleaned[name] = found
        elif name == "postal_code":
            code = str(raw or "").strip()
            if code and not re.fullmatch(r"[0-9]{6}", code):
                _err(
                    errors,
                    name,
                    _("El código postal tiene 6 dígitos."),
                    CheckoutErrorCode.INVALID_POSTAL_CODE,
                )
            cleaned[name] = code
        elif name == "delivery_choices":
            cleaned[name] = _delivery_choices(raw, cart, errors)
        elif name == "appointment_dates":
            cleaned[name] = _appointments(raw, cart, errors)
        else:  # the three acceptances
            cleaned[name] = raw is True or str(raw).lower() in ("true", "on", "1", "si", "sí")
    return cleaned, errors


def _delivery_choices(raw, cart: Cart, errors: dict) -> dict:
    """{vendor id: method}; only businesses in the cart, only methods they offer."""
    from vendors.models import Vendor

    pairs = raw.items() if isinstance(raw, dict) else raw or []
    wanted = {}
    for pair in pairs:
        vendor_id, method = (pair if isinstance(pair, list | tuple) else (None, None))[:2]
        wanted[str(vendor_id)] = str(method or "")
    in_cart = set(
        CartLine.objects.filter(cart=cart).values_list("variant__product__vendor_id", flat=True)
    )
    vendors = {str(v.pk): v for v in Vendor.objects.filter(pk__in=in_cart)}
    result = {}
    for vendor_id, method in wanted.items():
        vendor = vendors.get(vendor_id)
        if vendor is None:
            _err(
                errors,
                "delivery_choices",
                _("Ese negocio no está en tu carrito."),
                CheckoutErrorCode.NOT_FOUND,
            )
            continue
        offered = {
            DeliveryMethod.PICKUP: vendor.offers_pickup,
            DeliveryMethod.DELIVERY: vendor.offers_delivery,
            DeliveryMethod.NONE: True,
        }
        if not offered.get(method, False):
            _err(
                errors,
                "delivery_choices",
                _("%(vendor)s no ofrece esa forma de entrega.") % {"vendor": vendor},
                CheckoutErrorCode.DELIVERY_METHOD_UNAVAILABLE,
            )
            continue
        result[vendor_id] = method
    return result


def _appointments(raw, cart: Cart, errors: dict) -> dict:
    """{variant id: ISO date} for fixed-price services: a date the buyer proposes, optional."""
    pairs = raw.items() if isinstance(raw, dict) else raw or []
    services = set(
        CartLine.objects.filter(cart=cart, variant__product__kind="service").values_list(
            "variant_id", flat=True
        )
    )
    result = {}
    today = timezone.localdate()
    for variant_id, value in pairs:
        if not value:
            continue
        try:
            day = datetime.date.fromisoformat(str(value))
        except ValueError:
            day = None
        # `isdigit` alone admits "²", which int() refuses; \d would admit other scripts' digits.
        if not re.fullmatch(r"[0-9]{1,18}", str(variant_id)) or int(variant_id) not in services:
            _err(
                errors,
                "appointment_dates",
                _("Ese servicio no está en tu carrito."),
                CheckoutErrorCode.NOT_FOUND,
            )
        elif day is None or day < today or day > today + datetime.timedelta(days=365):
            _err(
                errors,
                "appointment_dates",
                _("Propón una fecha desde hoy y dentro del próximo año."),
                CheckoutErrorCode.INVALID_APPOINTMENT,
            )
        else:
            result[str(variant_id)] = day.isoformat()
    return result


def _check_document(details: CheckoutDetails, errors: dict) -> None:
    if not details.document_number:
        return
    if details.document_type == DocumentType.NIT:
        try:
            details.document_number = nit_normalize(details.document_number)
        except ValidationError:
            _err(
                errors,
                "document_number",
                _("El NIT no es válido: revisa los números y el dígito de verificación."),
                CheckoutErrorCode.INVALID_DOCUMENT,
            )
    elif not DOCUMENT_PATTERN.match(details.document_number):
        _err(
            errors,
            "document_number",
            _("Escribe el número de documento sin espacios (de 3 a 20 letras o números)."),
            CheckoutErrorCode.INVALID_DOCUMENT,
        )


@transaction.atomic
def checkout_update(*, cart: Cart, values: dict) -> CheckoutDetails:
    """Set the given details. `accept_privacy_policy` and `accept_terms` record the consent
    with the policy version and time (False withdraws it); `accept_price_changes` takes the
    current prices of the cart's lines as seen."""
    cart = Cart.objects.select_for_update().get(pk=cart.pk)
    cleaned, errors = _clean(values, cart)
    details, _created = CheckoutDetails.objects.get_or_create(cart=cart)
    now = timezone.now()
    for name, value in cleaned.items():
        if name == "accept_privacy_policy":
            details.privacy_accepted_at = now if value else None
            details.privacy_policy_version = settings.PRIVACY_POLICY_VERSION if value else ""
        elif name == "accept_terms":
            details.terms_accepted_at = now if value else None
        elif name == "accept_price_changes":
            if value:
                current = ProductVariant.objects.filter(pk=OuterRef("variant_id")).values("price")
                CartLine.objects.filter(cart=cart).update(price_seen=Subquery(current[:1]))
        elif name == "delivery_choices":
            details.delivery_choices = {**details.delivery_choices, **value}
        else:
            setattr(details, name, value)
    _check_document(details, errors)
    if errors:
        raise ValidationError(errors)
    details.save()
    return details
