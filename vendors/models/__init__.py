from .notification import VendorNotification
from .onboarding import VendorClaim, VendorInvitation
from .roster import CiiuSection, Enrollment, Program
from .vendor import DeliveryZone, Vendor, VendorMembership

__all__ = [
    "CiiuSection",
    "DeliveryZone",
    "Enrollment",
    "Program",
    "Vendor",
    "VendorClaim",
    "VendorInvitation",
    "VendorMembership",
    "VendorNotification",
]
