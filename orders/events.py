"""Events orders publish (marketplace.core.events.publish, delivered after commit): emails,
dashboards and payments subscribe to these rather than being called from the services."""

from dataclasses import dataclass

from marketplace.core.events import DomainEvent


@dataclass(frozen=True, kw_only=True)
class OrderPlaced(DomainEvent):
    name = "orders.order_placed"
    order_id: int


@dataclass(frozen=True, kw_only=True)
class OrderStatusChanged(DomainEvent):
    """paid, completed, expired or cancelled."""

    name = "orders.order_status_changed"
    order_id: int
    status: str


@dataclass(frozen=True, kw_only=True)
class VendorOrderStatusChanged(DomainEvent):
    """to_fulfil (paid: the vendor has work), shipped, ready_for_pickup, delivered, cancelled."""

    name = "orders.vendor_order_status_changed"
    order_id: int
    vendor_order_id: int
    vendor_id: int
    status: str


@dataclass(frozen=True, kw_only=True)
class RetractoRequested(DomainEvent):
    name = "orders.retracto_requested"
    vendor_order_id: int


@dataclass(frozen=True, kw_only=True)
class RetractoAccepted(DomainEvent):
    name = "orders.retracto_accepted"
    vendor_order_id: int
    refund_amount: int


@dataclass(frozen=True, kw_only=True)
class ComplaintCreated(DomainEvent):
    name = "orders.complaint_created"
    complaint_id: int
    order_id: int
