"""Checkout mutations, Saleor-like: the checkout's handle is the cart token. Each mutation
finds the cart through the selector (a signed-in person's cart only for them) and calls one
service, the same the checkout page calls."""

import graphene
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from catalog.graphql.mutations.ids import pk_from_global_id
from marketplace.core.errors import field_error
from marketplace.graphql.errors import errors_from_validation_error
from orders import selectors
from orders.error_codes import CheckoutErrorCode
from orders.payments.graphql.types import Payment
from orders.payments.services import payment_start
from orders.services import cart as cart_services
from orders.services.checkout import checkout_update
from orders.services.placement import checkout_complete
from vendors.graphql.mutations.ids import vendor_pk

from .checkout_types import Checkout
from .enums import DeliveryMethod, DocumentType
from .errors import CheckoutMutation
from .mutations import line_pk
from .order_types import Order


class CheckoutLineInput(graphene.InputObjectType):
    variant_id = graphene.ID(required=True)
    quantity = graphene.Int(required=True)


class CheckoutLineUpdateInput(graphene.InputObjectType):
    line_id = graphene.ID(required=True, description="Global ID of a CartLine of this checkout.")
    quantity = graphene.Int(required=True, description="0 removes the line.")


class AddressInput(graphene.InputObjectType):
    municipality = graphene.String(description="DANE code (05001) or slug (medellin).")
    street_address = graphene.String()
    details = graphene.String(description="Apartment, building, barrio.")
    postal_code = graphene.String(description="6 digits, optional.")


class DeliveryChoiceInput(graphene.InputObjectType):
    vendor = graphene.ID(required=True, description="Global ID of a Vendor in the checkout.")
    method = graphene.Field(DeliveryMethod, required=True)


class AppointmentInput(graphene.InputObjectType):
    variant_id = graphene.ID(required=True)
    date = graphene.Date(required=True)


class CheckoutInput(graphene.InputObjectType):
    email = graphene.String()
    first_name = graphene.String()
    last_name = graphene.String()
    phone = graphene.String()
    document_type = graphene.Field(DocumentType)
    document_number = graphene.String()
    accept_privacy_policy = graphene.Boolean(description="Ley 1581 consent; false withdraws it.")
    accept_terms = graphene.Boolean()
    accept_price_changes = graphene.Boolean(
        description="Take the current prices of lines whose price changed (problem PRICE_CHANGED)."
    )
    shipping_address = graphene.Field(AddressInput)
    delivery_choices = graphene.List(graphene.NonNull(DeliveryChoiceInput))
    appointments = graphene.List(graphene.NonNull(AppointmentInput))


def _cart(info, token):
    cart = selectors.cart_get_by_token(token=token, user=info.context.user)
    if cart is None:
        raise field_error("token", _("No encontramos esa compra."), CheckoutErrorCode.NOT_FOUND)
    return cart


def _variant(global_id, field="variantId"):
    pk = pk_from_global_id(global_id, type_name="ProductVariant", field=field)
    variant = selectors.variant_get(variant_id=pk)
    if variant is None:
        raise field_error(field, _("Ese producto no existe."), CheckoutErrorCode.NOT_FOUND)
    return variant


def _line(cart, global_id):
    line = selectors.cart_line_get(cart=cart, line_id=line_pk(global_id))
    if line is None:
        raise field_error(
            "lineId", _("Esa línea no está en tu carrito."), CheckoutErrorCode.NOT_FOUND
        )
    return line


def _result(cls, cart):
    return cls(checkout=selectors.checkout_summary(cart))


class CheckoutCreate(CheckoutMutation):
    """Start a checkout with lines. A signed-in person's checkout is their cart (lines are
    added to it); an anonymous one is a new cart whose token the client keeps."""

    class Arguments:
        lines = graphene.List(graphene.NonNull(CheckoutLineInput), required=True)
        email = graphene.String()

    checkout = graphene.Field(Checkout)

    @classmethod
    def perform_mutation(cls, root, info, lines, email=None):
        cart = cart_services.cart_create(user=info.context.user)
        for line in lines:
            cart_services.cart_add(
                cart=cart, variant=_variant(line.variant_id), quantity=line.quantity
            )
        if email is not None:
            checkout_update(cart=cart, values={"email": email})
        return _result(cls, cart)


class CheckoutLinesAdd(CheckoutMutation):
    class Arguments:
        token = graphene.UUID(required=True)
        lines = graphene.List(graphene.NonNull(CheckoutLineInput), required=True)

    checkout = graphene.Field(Checkout)

    @classmethod
    def perform_mutation(cls, root, info, token, lines):
        cart = _cart(info, token)
        for line in lines:
            cart_services.cart_add(
                cart=cart, variant=_variant(line.variant_id), quantity=line.quantity
            )
        return _result(cls, cart)


class CheckoutLinesUpdate(CheckoutMutation):
    class Arguments:
        token = graphene.UUID(required=True)
        lines = graphene.List(graphene.NonNull(CheckoutLineUpdateInput), required=True)

    checkout = graphene.Field(Checkout)

    @classmethod
    def perform_mutation(cls, root, info, token, lines):
        cart = _cart(info, token)
        for line in lines:
            cart_services.cart_set_quantity(line=_line(cart, line.line_id), quantity=line.quantity)
        return _result(cls, cart)


class CheckoutLinesDelete(CheckoutMutation):
    class Arguments:
        token = graphene.UUID(required=True)
        line_ids = graphene.List(graphene.NonNull(graphene.ID), required=True)

    checkout = graphene.Field(Checkout)

    @classmethod
    def perform_mutation(cls, root, info, token, line_ids):
        cart = _cart(info, token)
        for line_id in line_ids:
            cart_services.cart_remove(line=_line(cart, line_id))
        return _result(cls, cart)


def _values(data) -> dict:
    values = {
        name: data[name]
        for name in (
            "email",
            "first_name",
            "last_name",
            "phone",
            "document_number",
            "accept_privacy_policy",
            "accept_terms",
            "accept_price_changes",
        )
        if data.get(name) is not None
    }
    if data.get("document_type") is not None:
        values["document_type"] = getattr(data["document_type"], "value", data["document_type"])
    address = data.get("shipping_address")
    if address is not None:
        for source, target in (
            ("municipality", "municipality"),
            ("street_address", "street_address"),
            ("details", "address_details"),
            ("postal_code", "postal_code"),
        ):
            if address.get(source) is not None:
                values[target] = address[source]
    if data.get("delivery_choices") is not None:
        values["delivery_choices"] = [
            (
                vendor_pk(choice.vendor, field="deliveryChoices"),
                getattr(choice.method, "value", choice.method),
            )
            for choice in data["delivery_choices"]
        ]
    if data.get("appointments") is not None:
        values["appointment_dates"] = [
            (
                pk_from_global_id(
                    item.variant_id, type_name="ProductVariant", field="appointments"
                ),
                item.date.isoformat(),
            )
            for item in data["appointments"]
        ]
    return values


class CheckoutUpdate(CheckoutMutation):
    """Set the buyer's details; only the given fields change, all or none."""

    class Arguments:
        token = graphene.UUID(required=True)
        input = CheckoutInput(required=True)

    checkout = graphene.Field(Checkout)

    @classmethod
    def perform_mutation(cls, root, info, token, input):  # noqa: A002 - the API's name
        cart = _cart(info, token)
        checkout_update(cart=cart, values=_values(input))
        return _result(cls, cart)


class CheckoutComplete(CheckoutMutation):
    """Place the order: stock is reserved until it is paid or expires. Completing the same
    checkout again returns the same order. With `gateway`, also start paying it (or resume the
    pending payment); after a declined payment, the same call starts a new one."""

    class Arguments:
        token = graphene.UUID(required=True)
        gateway = graphene.String(
            description="One of the order's `paymentGateways` (test, wompi, stripe)."
        )

    order = graphene.Field(Order)
    payment = graphene.Field(
        Payment, description="What the buyer does next, when a gateway was given."
    )
    # The service runs its own transaction and recovers from a simultaneous completion.
    atomic = False

    @classmethod
    def perform_mutation(cls, root, info, token, gateway=None):
        order = checkout_complete(token=token, user=info.context.user)
        if not gateway:
            return cls(order=order)
        try:
            payment = payment_start(order=order, gateway=gateway)
        except ValidationError as exc:
            # The order stands (stock reserved); the buyer can try paying again.
            return cls(order=order, errors=errors_from_validation_error(exc))
        return cls(order=order, payment=payment)


class Mutation(graphene.ObjectType):
    checkout_create = CheckoutCreate.Field()
    checkout_lines_add = CheckoutLinesAdd.Field()
    checkout_lines_update = CheckoutLinesUpdate.Field()
    checkout_lines_delete = CheckoutLinesDelete.Field()
    checkout_update = CheckoutUpdate.Field()
    checkout_complete = CheckoutComplete.Field()
