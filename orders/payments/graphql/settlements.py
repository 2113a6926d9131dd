"""Settlements in the API: staff `settlements(...)` and `settlementMarkPaid(...)`, vendors
`vendorSettlements(vendor, period)`."""

import graphene
from django.utils.translation import gettext as _
from graphql_relay import to_global_id

from catalog.graphql.types import Money
from marketplace.core.errors import CoreErrorCode, field_error
from orders.graphql.order_mutations import _pk as global_pk
from vendors.graphql.mutations.ids import vendor_for_member, vendor_for_staff
from vendors.graphql.types import Vendor

from ..services.settlements import settlement_mark_paid
from ..settlements import (
    settlement_row,
    settlements_for_staff,
    settlements_for_vendor,
    vendor_order_get_for_staff,
)
from .errors import PaymentMutation

SettlementStatus = graphene.Enum(
    "SettlementStatus", [("PENDING", "pending"), ("PAID", "paid")], description="Payout status."
)


class PeriodInput(graphene.InputObjectType):
    start = graphene.Date(description="First day (by the date the order was paid).")
    end = graphene.Date(description="Last day, included.")


class Settlement(graphene.ObjectType):
    """One business's share of one paid order."""

    vendor_order_id = graphene.ID(required=True)
    order_number = graphene.String(required=True)
    vendor = graphene.Field(Vendor, required=True)
    paid_at = graphene.DateTime(required=True, description="When the buyer paid.")
    gross = graphene.Field(Money, required=True, description="Its total less refunds.")
    commission = graphene.Field(Money, required=True)
    gateway_fee = graphene.Field(Money, required=True)
    net = graphene.Field(Money, required=True, description="What the business receives.")
    status = graphene.Field(SettlementStatus, required=True)
    payout_reference = graphene.String()
    payout_at = graphene.DateTime()

    @staticmethod
    def from_row(row):
        part = row.vendor_order
        return Settlement(
            vendor_order_id=to_global_id("VendorOrder", part.pk),
            order_number=part.order.number,
            vendor=part.vendor,
            paid_at=part.order.paid_at,
            gross=row.amounts.gross,
            commission=row.amounts.commission,
            gateway_fee=row.amounts.gateway_fee,
            net=row.amounts.net,
            status=row.status,
            payout_reference=row.settlement.reference if row.settlement else None,
            payout_at=row.settlement.paid_at if row.settlement else None,
        )


def _period(period):
    period = period or {}
    return {"start": period.get("start"), "end": period.get("end")}


class Query(graphene.ObjectType):
    settlements = graphene.List(
        graphene.NonNull(Settlement),
        required=True,
        vendor=graphene.ID(),
        period=PeriodInput(),
        description="Programme staff: every business's settlements in a period.",
    )
    vendor_settlements = graphene.List(
        graphene.NonNull(Settlement),
        required=True,
        vendor=graphene.ID(required=True),
        period=PeriodInput(),
        description="A business's own settlements; its members only.",
    )

    @staticmethod
    def resolve_settlements(root, info, vendor=None, period=None):
        user = info.context.user
        found = vendor_for_staff(user=user, global_id=vendor, field="vendor") if vendor else None
        rows = settlements_for_staff(user=user, vendor=found, **_period(period))
        return [Settlement.from_row(row) for row in rows]

    @staticmethod
    def resolve_vendor_settlements(root, info, vendor, period=None):
        user = info.context.user
        found = vendor_for_member(user=user, global_id=vendor, field="vendor")
        rows = settlements_for_vendor(user=user, vendor=found, **_period(period))
        return [Settlement.from_row(row) for row in rows]


class SettlementMarkPaid(PaymentMutation):
    """Staff record the transfer that paid a business its share of one order."""

    class Arguments:
        vendor_order = graphene.ID(required=True)
        reference = graphene.String(required=True, description="Transfer or payout reference.")

    settlement = graphene.Field(Settlement)
    permissions = ("payments.manage_payments",)

    @classmethod
    def perform_mutation(cls, root, info, vendor_order, reference):
        user = info.context.user
        pk = global_pk(vendor_order, "VendorOrder", "vendorOrder")
        part = vendor_order_get_for_staff(user=user, vendor_order_id=pk) if pk else None
        if part is None:
            raise field_error(
                "vendorOrder", _("No encontramos ese pedido."), CoreErrorCode.NOT_FOUND
            )
        settlement_mark_paid(vendor_order=part, by=user, reference=reference)
        return cls(settlement=Settlement.from_row(settlement_row(vendor_order=part)))


class Mutation(graphene.ObjectType):
    settlement_mark_paid = SettlementMarkPaid.Field()
