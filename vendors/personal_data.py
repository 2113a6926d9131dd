"""What the vendors app holds about a person: the businesses whose team they are on."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from marketplace.accounts.personal_data import personal_data_eraser, personal_data_section

from .error_codes import VendorErrorCode
from .models import VendorMembership


@personal_data_section("negocios")
def _memberships(user) -> list:
    return [
        {"negocio": m.vendor.display_name, "rol": m.role}
        for m in VendorMembership.objects.filter(user=user).select_related("vendor")
    ]


@personal_data_eraser
def _refuse_team_members(user) -> None:
    # A business must not lose the only person who answers for it without notice.
    if VendorMembership.objects.filter(user=user).exists():
        raise ValidationError(
            _(
                "Haces parte del equipo de un negocio. Pide que te quiten del equipo o "
                "entrega el negocio a otra persona antes de eliminar tu cuenta."
            ),
            code=VendorErrorCode.ACCOUNT_IN_A_TEAM,
        )
