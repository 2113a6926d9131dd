"""Payments in the API: `Order.payments`, `Order.refunds`, `Order.paymentGateways`, and the
`payment { gateway status action { type url clientSecret } }` checkoutComplete returns."""

import graphene

from catalog.graphql.types import Money
from marketplace.graphql.dataloaders import DataLoader
from marketplace.graphql.extensions import extend_type
from orders.graphql.order_types import Order
from vendors.graphql.types import choice_value, choices_enum

from .. import selectors
from ..gateways import LABELS, METHODS
from ..gateways.base import ActionType
from ..models import PaymentStatus as PaymentStatusModel
from ..models import RefundStatus as RefundStatusModel

PaymentStatus = choices_enum(
    "PaymentStatus", PaymentStatusModel, "A payment as its gateway sees it."
)
RefundStatus = choices_enum(
    "RefundStatus", RefundStatusModel, "MANUAL: the gateway has no API for it; staff carry it out."
)
PaymentActionType = graphene.Enum(
    "PaymentActionType",
    [(member.name, member.value) for member in ActionType],
    description="What the buyer does next: go to `url`, confirm `clientSecret` in Stripe's "
    "Payment Element, or nothing.",
)


class PaymentAction(graphene.ObjectType):
    type = graphene.Field(PaymentActionType, required=True)
    url = graphene.String(description="Where to send the buyer (Wompi, the test gateway).")
    client_secret = graphene.String(description="For Stripe.js `confirmPayment`.")


class Payment(graphene.ObjectType):
    gateway = graphene.String(required=True)
    status = graphene.Field(PaymentStatus, required=True)
    amount = graphene.Field(Money, required=True)
    reference = graphene.String(required=True)
    action = graphene.Field(PaymentAction, description="Only while the payment is pending.")
    return_url = graphene.String(
        required=True, description='Our "estamos confirmando tu pago" page for this payment.'
    )

    @staticmethod
    def resolve_status(root, info):
        return choice_value(root.status)

    @staticmethod
    def resolve_amount(root, info):
        return root.amount

    @staticmethod
    def resolve_action(root, info):
        if root.status != PaymentStatusModel.PENDING or not root.action_type:
            return None
        return PaymentAction(
            type=root.action_type,
            url=root.action_url or None,
            client_secret=root.client_secret or None,
        )

    @staticmethod
    def resolve_return_url(root, info):
        from django.urls import reverse

        return info.context.build_absolute_uri(reverse("payments:return", args=[root.token]))


class Refund(graphene.ObjectType):
    amount = graphene.Field(Money, required=True)
    status = graphene.Field(RefundStatus, required=True)
    reason = graphene.String(required=True)
    created_at = graphene.DateTime(required=True)
    done_at = graphene.DateTime()

    @staticmethod
    def resolve_amount(root, info):
        return root.amount

    @staticmethod
    def resolve_status(root, info):
        return choice_value(root.status)


class PaymentOption(graphene.ObjectType):
    gateway = graphene.String(required=True, description="The value checkoutComplete takes.")
    label = graphene.String(required=True, description="How to name it to the buyer.")
    methods = graphene.NonNull(
        graphene.List(graphene.NonNull(graphene.String)),
        description="What the buyer can pay with on the gateway's page (card, PSE, Nequi...).",
    )


class PaymentsByOrderLoader(DataLoader):
    context_key = "payments_by_order"

    def batch_load(self, keys):
        grouped = selectors.payments_by_order_ids(order_ids=keys)
        return [grouped.get(key, []) for key in keys]


class RefundsByOrderLoader(DataLoader):
    context_key = "refunds_by_order"

    def batch_load(self, keys):
        grouped = selectors.refunds_by_order_ids(order_ids=keys)
        return [grouped.get(key, []) for key in keys]


def _payments(root, info):
    return PaymentsByOrderLoader(info.context).load_for(root, key=lambda order: order.pk)


def _refunds(root, info):
    return RefundsByOrderLoader(info.context).load_for(root, key=lambda order: order.pk)


def _gateways(root, info):
    if root.status != "awaiting_payment":
        return []
    return selectors.gateways_for_order(order=root)


def _options(root, info):
    return [
        PaymentOption(
            gateway=name,
            label=str(LABELS.get(name, name)),
            methods=[str(method) for method in METHODS.get(name, [])],
        )
        for name in _gateways(root, info)
    ]


extend_type(
    Order,
    payments=graphene.Field(
        graphene.NonNull(graphene.List(graphene.NonNull(Payment))),
        resolver=_payments,
        description="Every attempt to pay, oldest first.",
    ),
    refunds=graphene.Field(
        graphene.NonNull(graphene.List(graphene.NonNull(Refund))), resolver=_refunds
    ),
    payment_gateways=graphene.Field(
        graphene.NonNull(graphene.List(graphene.NonNull(graphene.String))),
        resolver=_gateways,
        description="Gateways checkoutComplete may use for this order now (empty once paid).",
    ),
    payment_options=graphene.Field(
        graphene.NonNull(graphene.List(graphene.NonNull(PaymentOption))),
        resolver=_options,
        description="The same gateways with what to show the buyer; offer a choice only when "
        "there is more than one.",
    ),
)
