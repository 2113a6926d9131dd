"""The checkout as the buyer sees it: the cart's lines grouped by business, each business's
delivery options for the buyer's municipality, the totals (orders.totals) and every problem
that would stop the order, so the page and the API show the same thing before paying."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from catalog.models import Product
from marketplace.core.money import format_cop
from vendors.models import DeliveryZone

from ..error_codes import CheckoutErrorCode
from ..models import Cart, CheckoutDetails, DeliveryMethod
from ..totals import PricedLine, Totals, VendorPart, totals_compute, vat_rate_for
from .cart import CartSummary, CartVendorGroup, cart_summary

REQUIRED_DETAILS = {
    "email": gettext_lazy("Escribe tu correo."),
    "first_name": gettext_lazy("Escribe tus nombres."),
    "last_name": gettext_lazy("Escribe tus apellidos."),
    "phone": gettext_lazy("Escribe tu teléfono."),
    "document_type": gettext_lazy("Elige el tipo de documento."),
    "document_number": gettext_lazy("Escribe el número de documento."),
    "municipality": gettext_lazy("Elige el municipio de entrega."),
    "street_address": gettext_lazy("Escribe la dirección."),
}


@dataclass(frozen=True)
class DeliveryOption:
    method: str
    label: str
    fee: int
    available: bool
    note: str = ""

    @property
    def fee_display(self) -> str:
        return format_cop(self.fee)


@dataclass(frozen=True)
class CheckoutProblem:
    code: str
    message: str
    field: str = ""
    vendor_id: int | None = None
    line_id: int | None = None


@dataclass
class CheckoutVendorPart:
    group: CartVendorGroup
    options: list[DeliveryOption]
    chosen: str
    needs_delivery: bool

    @property
    def vendor(self):
        return self.group.vendor

    @property
    def chosen_option(self) -> DeliveryOption | None:
        return next((o for o in self.options if o.method == self.chosen and o.available), None)


@dataclass
class CheckoutSummary:
    cart: Cart | None
    details: CheckoutDetails | None
    summary: CartSummary
    parts: list[CheckoutVendorPart]
    totals: Totals
    problems: list[CheckoutProblem] = field(default_factory=list)

    @property
    def is_ready(self) -> bool:
        return not self.problems

    def problems_for(self, *, vendor_id=None, line_id=None) -> list[CheckoutProblem]:
        return [
            p
            for p in self.problems
            if (vendor_id is None or p.vendor_id == vendor_id)
            and (line_id is None or p.line_id == line_id)
        ]


def _options(vendor, zones: dict, municipality, needs_delivery: bool) -> list[DeliveryOption]:
    if not needs_delivery:
        return [DeliveryOption(DeliveryMethod.NONE, _("Sin envío (servicio)"), 0, True)]
    options = []
    if vendor.offers_pickup:
        options.append(
            DeliveryOption(
                DeliveryMethod.PICKUP,
                _("Recoger en el local"),
                0,
                True,
                vendor.public_address,
            )
        )
    if vendor.offers_delivery:
        zone = zones.get((vendor.pk, getattr(municipality, "pk", None)))
        if municipality is None:
            options.append(
                DeliveryOption(
                    DeliveryMethod.DELIVERY,
                    _("Domicilio"),
                    0,
                    False,
                    _("Elige tu municipio para ver el costo del domicilio."),
                )
            )
        elif zone is None:
            options.append(
                DeliveryOption(
                    DeliveryMethod.DELIVERY,
                    _("Domicilio"),
                    0,
                    False,
                    _("Este negocio no hace domicilios a %(place)s.") % {"place": municipality},
                )
            )
        else:
            options.append(DeliveryOption(DeliveryMethod.DELIVERY, _("Domicilio"), zone.fee, True))
    return options


def _detail_problems(details: CheckoutDetails | None) -> list[CheckoutProblem]:
    problems = []
    for name, message in REQUIRED_DETAILS.items():
        value = getattr(details, f"{name}_id" if name == "municipality" else name, None)
        if not value:
            problems.append(CheckoutProblem(str(CheckoutErrorCode.REQUIRED), str(message), name))
    if details is None or details.privacy_accepted_at is None:
        problems.append(
            CheckoutProblem(
                str(CheckoutErrorCode.CONSENT_REQUIRED),
                _("Autoriza el tratamiento de tus datos personales para continuar."),
                "accept_privacy_policy",
            )
        )
    if details is None or details.terms_accepted_at is None:
        problems.append(
            CheckoutProblem(
                str(CheckoutErrorCode.TERMS_REQUIRED),
                _("Acepta los términos de la compra para continuar."),
                "accept_terms",
            )
        )
    return problems


def checkout_summary(cart: Cart | None) -> CheckoutSummary:
    """Everything the checkout page and `checkout(token)` show. A constant number of queries
    whatever the number of lines and businesses."""
    summary = cart_summary(cart)
    details = CheckoutDetails.objects.select_related("municipality").filter(cart=cart).first()
    municipality = details.municipality if details else None
    vendor_ids = [group.vendor.pk for group in summary.groups]
    zones = {}
    if municipality is not None and vendor_ids:
        zones = {
            (zone.vendor_id, zone.municipality_id): zone
            for zone in DeliveryZone.objects.filter(
                vendor_id__in=vendor_ids, municipality=municipality
            )
        }
    choices = (details.delivery_choices if details else {}) or {}
    problems: list[CheckoutProblem] = []
    if not summary.lines:
        problems.append(
            CheckoutProblem(str(CheckoutErrorCode.EMPTY), _("Tu carrito está vacío."), "lines")
        )
    parts, priced = [], []
    for group in summary.groups:
        vendor = group.vendor
        needs_delivery = any(line.product.kind == Product.Kind.GOODS for line in group.lines)
        options = _options(vendor, zones, municipality, needs_delivery)
        chosen = choices.get(str(vendor.pk), "")
        if not needs_delivery:
            chosen = DeliveryMethod.NONE
        elif not chosen and len([o for o in options if o.available]) == 1:
            chosen = next(o.method for o in options if o.available)
        part = CheckoutVendorPart(group, options, chosen, needs_delivery)
        parts.append(part)
        for line in group.lines:
            if not line.is_available:
                problems.append(
                    CheckoutProblem(
                        line.problem_code, line.problem_message, "lines", vendor.pk, line.line.pk
                    )
                )
            elif line.line.price_seen is not None and line.line.price_seen != line.unit_price:
                problems.append(
                    CheckoutProblem(
                        str(CheckoutErrorCode.PRICE_CHANGED),
                        _("El precio de «%(name)s» cambió de %(old)s a %(new)s.")
                        % {
                            "name": line.product.name,
                            "old": format_cop(line.line.price_seen),
                            "new": line.unit_price_display,
                        },
                        "lines",
                        vendor.pk,
                        line.line.pk,
                    )
                )
        if part.chosen_option is None:
            if not any(o.available for o in options) and municipality is not None:
                message = _("%(vendor)s no puede entregar este pedido en %(place)s.") % {
                    "vendor": vendor,
                    "place": municipality,
                }
                code = CheckoutErrorCode.DELIVERY_METHOD_UNAVAILABLE
            else:
                message = _("Elige cómo recibir lo de %(vendor)s.") % {"vendor": vendor}
                code = CheckoutErrorCode.DELIVERY_METHOD_REQUIRED
            problems.append(CheckoutProblem(str(code), message, "delivery_choices", vendor.pk))
        fee = part.chosen_option.fee if part.chosen_option else 0
        priced.append(
            VendorPart(
                vendor_id=vendor.pk,
                lines=[
                    PricedLine(
                        line.line_total,
                        vat_rate_for(
                            tax_class=line.product.tax_class, vat_responsible=vendor.vat_responsible
                        ),
                    )
                    for line in group.lines
                    if line.is_available
                ],
                delivery_fee=fee,
            )
        )
    problems.extend(_detail_problems(details))
    return CheckoutSummary(cart, details, summary, parts, totals_compute(priced), problems)
