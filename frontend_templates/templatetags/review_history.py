"""Which moderation refusal still stands on a listing, for the callout of its dashboard page."""

from django import template

register = template.Library()

# Decision of the newest case -> the listing status in which that refusal still applies. A
# refused change to a live listing leaves it published; a newer submission or an archive
# means the vendor has moved on, and the callout would only repeat old news.
STANDING = {
    ("submission", "rejected"): "rejected",
    ("revision", "rejected"): "published",
    ("takedown", "taken_down"): "unpublished",
}


@register.simple_tag
def standing_refusal(cases, product):
    """The newest case (of `cases`, newest first) when it is a refusal the vendor still has to
    act on; None otherwise."""
    latest = cases[0] if cases else None
    if latest is None or latest.decided_at is None:
        return None
    if STANDING.get((latest.kind, latest.decision)) != product.status:
        return None
    return latest
