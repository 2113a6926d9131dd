"""Permission checks shared by every service. Services call these; pages and the API only
reflect the outcome, so no rule lives only in the UI."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


def require_authenticated(user) -> None:
    if user is None or not user.is_authenticated:
        raise PermissionDenied(_("Debes iniciar sesión para hacer esto."))


def require_perm(user, perm: str) -> None:
    """`perm` is a full Django permission name such as `core.view_audit_log`."""
    require_authenticated(user)
    if not user.is_active or not user.has_perm(perm):
        raise PermissionDenied(_("No tienes permiso para hacer esto."))
