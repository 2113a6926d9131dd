"""Notices for a vendor's team in its dashboard, and marking them read."""

from django.utils import timezone
from django.utils.text import Truncator

from ..models import Vendor, VendorNotification
from ..permissions import require_vendor_member

TITLE_LENGTH = VendorNotification._meta.get_field("title").max_length


def vendor_notify(*, vendor: Vendor, kind: str, title: str, body: str, url: str = ""):
    """Leave a notice for the vendor's team. Call it inside the transaction of the event it
    tells about, so the notice exists exactly when the event does; emails and other side
    effects stay the caller's, after commit."""
    if kind not in VendorNotification.Kind.values:
        raise ValueError(f"Unknown vendor notification kind: {kind!r}")
    return VendorNotification.objects.create(
        vendor=vendor,
        kind=kind,
        # Product names are long enough to overflow the column once a reason is added.
        title=Truncator(title).chars(TITLE_LENGTH),
        body=body,
        url=url,
    )


def notifications_mark_read(*, user, vendor: Vendor, ids=None) -> int:
    """Mark the vendor's unread notices read (only those in `ids` when given) for its whole
    team. Ids of other vendors' notices match nothing. Returns how many changed."""
    require_vendor_member(user, vendor)
    unread = VendorNotification.objects.filter(vendor=vendor, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=list(ids))
    return unread.update(read_at=timezone.now())
