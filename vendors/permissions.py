"""Who may act on a vendor. Every vendor-scoped service and selector goes through these."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from marketplace.core.permissions import require_authenticated

from .models import Vendor, VendorMembership


def membership_for(user, vendor: Vendor) -> VendorMembership | None:
    if user is None or not user.is_authenticated:
        return None
    return VendorMembership.objects.filter(vendor=vendor, user=user).first()


def require_vendor_member(user, vendor: Vendor, *, owner: bool = False) -> VendorMembership:
    """The user belongs to this vendor (as owner when `owner`); staff roles grant nothing here."""
    require_authenticated(user)
    membership = membership_for(user, vendor)
    if membership is None or not user.is_active:
        raise PermissionDenied(_("No perteneces a este negocio."))
    if owner and membership.role != VendorMembership.Role.OWNER:
        raise PermissionDenied(_("Solo la persona propietaria del negocio puede hacer esto."))
    return membership


def require_vendor_can_publish(vendor: Vendor) -> None:
    """A suspended (or not yet approved) vendor's members can log in, but publish nothing."""
    if vendor.status != Vendor.Status.ACTIVE:
        raise PermissionDenied(_("Tu negocio no está activo en la tienda: no puedes publicar."))
