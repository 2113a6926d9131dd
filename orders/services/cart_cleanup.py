"""Anonymous carts live only as long as the session that holds their token: once the session
has expired nobody can reach them again, so they are deleted."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ..models import Cart


@transaction.atomic
def cart_purge_abandoned(*, older_than: timedelta | None = None) -> int:
    """Delete visitors' carts untouched for longer than a session lasts (or `older_than`).
    Signed-in people's carts stay. Returns how many carts went."""
    age = older_than or timedelta(seconds=settings.SESSION_COOKIE_AGE)
    stale = Cart.objects.filter(user__isnull=True, updated_at__lt=timezone.now() - age)
    count = stale.count()
    stale.delete()
    return count
