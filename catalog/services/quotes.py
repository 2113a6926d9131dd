"""Quote requests for services priced on request: they reach the vendor by email and in its
dashboard."""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.accounts.phones import phone_normalize
from marketplace.core.errors import CoreErrorCode
from marketplace.core.mail import email_send_templated
from marketplace.core.models import Municipality
from vendors.models import VendorMembership
from vendors.permissions import require_vendor_member

from ..error_codes import CatalogErrorCode
from ..models import Product, QuoteRequest
from ..selectors import product_get_visible


def _error(field_name, message, code):
    return ValidationError({field_name: ValidationError(message, code=code)})


@transaction.atomic
def quote_request_create(
    *,
    product_slug: str,
    requester,
    name: str,
    email: str,
    phone: str,
    municipality_slug: str,
    message: str,
) -> QuoteRequest:
    product = product_get_visible(slug=product_slug)
    if product is None:
        raise _error("product", _("Este servicio ya no está disponible."), CoreErrorCode.NOT_FOUND)
    if product.kind != Product.Kind.SERVICE or product.pricing_mode != Product.PricingMode.QUOTE:
        raise _error(
            "product",
            _("Este producto no se cotiza: agrégalo al carrito."),
            CatalogErrorCode.NOT_ORDERABLE,
        )
    errors: dict[str, list] = {}
    name, email, message = (
        (name or "").strip(),
        (email or "").strip().lower(),
        (message or "").strip(),
    )
    if not name:
        errors["name"] = [ValidationError(_("Escribe tu nombre."), code=CoreErrorCode.REQUIRED)]
    try:
        validate_email(email)
    except ValidationError:
        errors["email"] = [
            ValidationError(_("Escribe un correo válido."), code=CoreErrorCode.INVALID)
        ]
    if len(message) < 10:
        errors["message"] = [
            ValidationError(
                _("Cuéntale al negocio qué necesitas (mínimo 10 caracteres)."),
                code=CoreErrorCode.REQUIRED,
            )
        ]
    try:
        phone = phone_normalize(phone)
    except ValidationError as exc:
        errors.update(exc.error_dict)
    municipality = (
        Municipality.objects.filter(slug=municipality_slug).first() if municipality_slug else None
    )
    if municipality_slug and municipality is None:
        errors["municipality"] = [
            ValidationError(_("Municipio desconocido."), code=CoreErrorCode.INVALID)
        ]
    if errors:
        raise ValidationError(errors)
    quote = QuoteRequest.objects.create(
        product=product,
        requester=requester if requester is not None and requester.is_authenticated else None,
        name=name[:150],
        email=email,
        phone=phone,
        municipality=municipality,
        message=message[:2000],
    )
    recipients = {product.vendor.notice_email} | set(
        VendorMembership.objects.filter(vendor=product.vendor).values_list("user__email", flat=True)
    )
    for to in sorted(r for r in recipients if r):
        email_send_templated(
            to=to,
            template="catalog/email/quote_request",
            context={"quote": quote, "product": product},
        )
    # The requester keeps a copy: what they asked, to whom, and where to follow it up.
    email_send_templated(
        to=quote.email,
        template="catalog/email/quote_request_copy",
        context={"quote": quote, "product": product, "vendor": product.vendor},
    )
    return quote


@transaction.atomic
def quote_request_mark_answered(*, quote: QuoteRequest, answered_by) -> QuoteRequest:
    require_vendor_member(answered_by, quote.product.vendor)
    if quote.answered_at is None:
        quote.answered_at = timezone.now()
        quote.save(update_fields=["answered_at"])
    return quote
