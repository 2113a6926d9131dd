import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .error_codes import AccountErrorCode


def phone_normalize(raw: str, *, field: str = "phone") -> str:
    """Colombian numbers as E.164 (`300 123 4567` -> `+573001234567`); empty stays empty."""
    raw = (raw or "").strip()
    if not raw:
        return ""
    try:
        number = phonenumbers.parse(raw, "CO")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise ValidationError(
            {
                field: ValidationError(
                    _("Escribe un teléfono válido, por ejemplo 300 123 4567 o 604 444 5566."),
                    code=AccountErrorCode.INVALID_PHONE,
                )
            }
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def phone_display(e164: str) -> str:
    if not e164:
        return ""
    number = phonenumbers.parse(e164, "CO")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
