"""Colombian tax identifiers and business size (DOMAIN.md: NIT, Decreto 957 de 2019)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum.co import nit as stdnum_nit
from stdnum.exceptions import ValidationError as StdnumError

from .error_codes import VendorErrorCode

# Annual income thresholds in UVT by sector: (micro, pequeña, mediana).
SIZE_THRESHOLDS_UVT = {
    "manufactura": (23_563, 204_995, 1_736_565),
    "servicios": (32_988, 131_951, 483_034),
    "comercio": (44_769, 431_196, 2_160_692),
}
UVT_COP = {2025: 49_799, 2026: 52_374}


def nit_normalize(raw: str, *, field: str = "nit") -> str:
    """`900.373.923-8` -> `9003739238`; refuses a wrong DIAN check digit."""
    try:
        return stdnum_nit.validate(str(raw or "").strip())
    except StdnumError:
        raise ValidationError(
            {
                field: ValidationError(
                    _("El NIT no es válido: revisa los números y el dígito de verificación."),
                    code=VendorErrorCode.INVALID_NIT,
                )
            }
        ) from None


def nit_format(nit: str) -> str:
    return stdnum_nit.format(nit) if nit else ""


def sector_for_ciiu_section(section_code: str) -> str:
    """Decreto 957 groups activities in three sectors; C is manufacturing, G is commerce."""
    if section_code == "C":
        return "manufactura"
    if section_code == "G":
        return "comercio"
    return "servicios"


def business_size(*, annual_income_cop: int, ciiu_section: str, year: int) -> str:
    """micro / pequena / mediana from income in UVT; above mediana is still 'mediana' for the
    programme, which only enrols mipymes."""
    uvt = UVT_COP.get(year) or UVT_COP[max(UVT_COP)]
    income_uvt = annual_income_cop / uvt
    micro, small, _medium = SIZE_THRESHOLDS_UVT[sector_for_ciiu_section(ciiu_section)]
    if income_uvt <= micro:
        return "micro"
    if income_uvt <= small:
        return "pequena"
    return "mediana"
