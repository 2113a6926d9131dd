"""Events vendors publish for the apps above them (catalogue, search, orders)."""

from dataclasses import dataclass

from marketplace.core.events import DomainEvent


@dataclass(frozen=True, kw_only=True)
class VendorActivated(DomainEvent):
    """Approved or reactivated: its published listings may return to the store."""

    name = "vendors.vendor_activated"
    vendor_id: int


@dataclass(frozen=True, kw_only=True)
class VendorSuspended(DomainEvent):
    """Suspended or closed: its listings must leave the store at once."""

    name = "vendors.vendor_suspended"
    vendor_id: int
    reason: str


@dataclass(frozen=True, kw_only=True)
class VendorProfileChanged(DomainEvent):
    name = "vendors.vendor_profile_changed"
    vendor_id: int
