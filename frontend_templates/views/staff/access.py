"""Who may open a console page."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

MANAGE_ROSTER = "accounts.manage_roster"
MANAGE_VENDORS = "accounts.manage_vendors"
MODERATE_LISTINGS = "accounts.moderate_listings"
VIEW_AUDIT_LOG = "core.view_audit_log"
VIEW_PROGRAM_REPORTS = "accounts.view_program_reports"
CONSOLE_PERMS = (MANAGE_ROSTER, MANAGE_VENDORS, MODERATE_LISTINGS)


def staff_view(*perms: str) -> Callable:
    """Anonymous people go to the login page; signed-in people need at least one of `perms`
    (any console permission when none is given) or get the site's 403 page. The check comes
    before the view looks anything up, so ids cannot be probed; the selectors and services the
    view calls check again, and their PermissionDenied ends on the same page."""
    wanted = perms or CONSOLE_PERMS

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            user = request.user
            if not (user.is_active and any(user.has_perm(perm) for perm in wanted)):
                raise PermissionDenied(
                    _(
                        "Esta parte de la consola del programa es solo para el equipo que tiene ese permiso."
                    )
                )
            return view(request, *args, **kwargs)

        # Pages with personal data (contacts, NITs) must not sit in shared caches.
        return login_required(never_cache(wrapped))

    return decorator
