"""What the vendors app holds about a person: the businesses whose team they are on."""

from django.core.exceptions import ValidationError
from django.db.models import Count
from django.utils.translation import gettext as _

from marketplace.accounts.error_codes import AccountErrorCode
from marketplace.accounts.personal_data import (
    personal_data_blocker,
    personal_data_eraser,
    personal_data_section,
)

from .models import Vendor, VendorMembership


@personal_data_section("negocios")
def _memberships(user) -> list:
    return [
        {"negocio": m.vendor.display_name, "rol": m.role, "desde": m.created_at.isoformat()}
        for m in VendorMembership.objects.filter(user=user).select_related("vendor")
    ]


@personal_data_blocker
def _refuse_sole_owners(user) -> None:
    # An active business must not lose the only person who answers for it.
    owner = VendorMembership.Role.OWNER
    owned = VendorMembership.objects.filter(
        user=user, role=owner, vendor__status=Vendor.Status.ACTIVE
    ).values("vendor")
    sole = (
        VendorMembership.objects.filter(vendor__in=owned, role=owner)
        .values("vendor")
        .annotate(owners=Count("pk"))
        .filter(owners=1)
    )
    if sole.exists():
        raise ValidationError(
            _(
                "Eres la única persona propietaria de un negocio activo. Entrega el negocio a "
                "otra persona del equipo o pide al programa que lo cierre antes de eliminar tu "
                "cuenta."
            ),
            code=AccountErrorCode.ACCOUNT_SOLE_OWNER,
        )


@personal_data_eraser
def _leave_teams(user) -> None:
    VendorMembership.objects.filter(user=user).delete()
