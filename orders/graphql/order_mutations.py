"""Order mutations: vendors move their part (ship, ready, delivered, cancel, accept a
retracto); buyers holding the order's token ask for a retracto or file a PQR. IDs are resolved
through selectors that only find what the caller may touch; the services check again."""

import graphene
from django.utils.translation import gettext as _
from graphql_relay import from_global_id

from marketplace.core.errors import field_error
from orders import selectors
from orders.error_codes import OrderErrorCode
from orders.services import aftercare, lifecycle

from .errors import OrderMutation
from .order_types import Complaint, Retracto, VendorOrder


def _pk(global_id, type_name: str, field: str) -> int | None:
    try:
        found, pk = from_global_id(global_id)
    except (TypeError, ValueError):
        return None
    return (
        int(pk) if found == type_name and pk.isascii() and pk.isdigit() and len(pk) <= 18 else None
    )


def _not_found(field: str):
    return field_error(field, _("No encontramos ese pedido."), OrderErrorCode.NOT_FOUND)


def _vendor_order(info, global_id, field="id"):
    """The same answer for another vendor's part as for one that does not exist."""
    pk = _pk(global_id, "VendorOrder", field)
    part = selectors.vendor_order_get_for_member(user=info.context.user, vendor_order_id=pk or "")
    if part is None:
        raise _not_found(field)
    return part


def _buyer_order(info, token):
    order = selectors.order_get_for_buyer(token=token, user=info.context.user)
    if order is None:
        raise _not_found("token")
    return order


class _VendorOrderMutation(OrderMutation):
    class Meta:
        abstract = True

    vendor_order = graphene.Field(VendorOrder)


class VendorOrderShip(_VendorOrderMutation):
    class Arguments:
        id = graphene.ID(required=True)
        carrier = graphene.String(required=True)
        tracking_code = graphene.String()

    @classmethod
    def perform_mutation(cls, root, info, id, carrier, tracking_code=""):  # noqa: A002
        part = lifecycle.vendor_order_ship(
            vendor_order=_vendor_order(info, id),
            by=info.context.user,
            carrier=carrier,
            tracking_code=tracking_code or "",
        )
        return cls(vendor_order=part)


class VendorOrderMarkReady(_VendorOrderMutation):
    class Arguments:
        id = graphene.ID(required=True)

    @classmethod
    def perform_mutation(cls, root, info, id):  # noqa: A002
        part = lifecycle.vendor_order_mark_ready(
            vendor_order=_vendor_order(info, id), by=info.context.user
        )
        return cls(vendor_order=part)


class VendorOrderMarkDelivered(_VendorOrderMutation):
    class Arguments:
        id = graphene.ID(required=True)

    @classmethod
    def perform_mutation(cls, root, info, id):  # noqa: A002
        part = lifecycle.vendor_order_mark_delivered(
            vendor_order=_vendor_order(info, id), by=info.context.user
        )
        return cls(vendor_order=part)


class VendorOrderCancel(_VendorOrderMutation):
    class Arguments:
        id = graphene.ID(required=True)
        reason = graphene.String(required=True)

    @classmethod
    def perform_mutation(cls, root, info, id, reason):  # noqa: A002
        part = lifecycle.vendor_order_cancel(
            vendor_order=_vendor_order(info, id), by=info.context.user, reason=reason
        )
        return cls(vendor_order=part)


class OrderRetractoRequest(OrderMutation):
    """The buyer withdraws from a delivered part (Ley 1480 art. 47)."""

    class Arguments:
        token = graphene.UUID(required=True, description="The order's token.")
        vendor_order = graphene.ID(required=True)
        reason = graphene.String()

    retracto = graphene.Field(Retracto)

    @classmethod
    def perform_mutation(cls, root, info, token, vendor_order, reason=""):
        order = _buyer_order(info, token)
        pk = _pk(vendor_order, "VendorOrder", "vendorOrder")
        part = next((p for p in order.vendor_orders.all() if p.pk == pk), None)
        if part is None:
            raise _not_found("vendorOrder")
        return cls(
            retracto=aftercare.order_retracto_request(vendor_order=part, reason=reason or "")
        )


class RetractoAccept(OrderMutation):
    """The vendor got the goods back: the refund becomes due within 15 days."""

    class Arguments:
        id = graphene.ID(required=True, description="Global ID of the Retracto.")

    retracto = graphene.Field(Retracto)

    @classmethod
    def perform_mutation(cls, root, info, id):  # noqa: A002
        pk = _pk(id, "Retracto", "id")
        retracto = selectors.retracto_get_for_member(user=info.context.user, retracto_id=pk or "")
        if retracto is None:
            raise _not_found("id")
        return cls(retracto=aftercare.retracto_accept(retracto=retracto, by=info.context.user))


class OrderComplaintCreate(OrderMutation):
    """A PQR on an order; it gets a case number."""

    class Arguments:
        token = graphene.UUID(required=True, description="The order's token.")
        kind = graphene.String(required=True, description="peticion, queja or reclamo.")
        message = graphene.String(required=True)
        vendor_order = graphene.ID(description="The business concerned, if one.")

    complaint = graphene.Field(Complaint)

    @classmethod
    def perform_mutation(cls, root, info, token, kind, message, vendor_order=None):
        order = _buyer_order(info, token)
        part = None
        if vendor_order is not None:
            pk = _pk(vendor_order, "VendorOrder", "vendorOrder")
            part = next((p for p in order.vendor_orders.all() if p.pk == pk), None)
            if part is None:
                raise _not_found("vendorOrder")
        complaint = aftercare.order_complaint_create(
            order=order, kind=kind, message=message, vendor_order=part
        )
        return cls(complaint=complaint)


class Mutation(graphene.ObjectType):
    vendor_order_ship = VendorOrderShip.Field()
    vendor_order_mark_ready = VendorOrderMarkReady.Field()
    vendor_order_mark_delivered = VendorOrderMarkDelivered.Field()
    vendor_order_cancel = VendorOrderCancel.Field()
    order_retracto_request = OrderRetractoRequest.Field()
    retracto_accept = RetractoAccept.Field()
    order_complaint_create = OrderComplaintCreate.Field()
