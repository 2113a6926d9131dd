"""One spelling per address: every email that logs in, counts towards a lockout or registers is
first normalised, and registration refuses addresses that only look like Latin text.

NFKC folds compatibility characters ("ſara" is "sara", full-width letters are ASCII) and
casefold() is Unicode's caseless matching, so lookups compare normalised strings exactly instead
of asking the database for a case-insensitive match (PostgreSQL's UPPER() turns a dotless "ı"
into "I", which let `tıenda24@…` sign in as `tienda24@…` with a lockout counter of its own).
"""

import unicodedata

from django.utils.translation import gettext as _

from marketplace.core.errors import field_error

from .error_codes import AccountErrorCode

# Letters Spanish and Portuguese names use; anything else beyond ASCII may be a lookalike
# (Cyrillic "а", Greek "ο", Latin "ı" or "ɑ") of an address someone else uses.
_ALLOWED_NON_ASCII = set("áéíóúüñçàèìòùâêôãõ")


def email_normalize(value: str | None) -> str:
    return unicodedata.normalize("NFKC", (value or "").strip()).casefold()


def email_is_unambiguous(email: str) -> bool:
    """Whether a normalised address is plain enough that no other address looks the same."""
    return all(ord(char) < 128 or char in _ALLOWED_NON_ASCII for char in email)


def email_validate_unambiguous(email: str, field: str = "email") -> None:
    if not email_is_unambiguous(email):
        raise field_error(
            field,
            _(
                "Escribe tu correo solo con letras latinas: tiene caracteres que se confunden "
                "con otros (por ejemplo, de otros alfabetos)."
            ),
            AccountErrorCode.EMAIL_CONFUSABLE,
        )
