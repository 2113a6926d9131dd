"""Reads for a citizen's own account page (kept apart from the storefront and dashboard reads in
`selectors.py`)."""

from django.db.models import QuerySet

from .models import QuoteRequest

ACCOUNT_QUOTES_LIMIT = 20


def quote_requests_for_requester(*, user) -> QuerySet[QuoteRequest]:
    """The quote requests a signed-in person sent, newest first, with what the page shows of
    each service and business joined in (one query whatever the count)."""
    if user is None or not user.is_authenticated:
        return QuoteRequest.objects.none()
    return (
        QuoteRequest.objects.filter(requester=user)
        .select_related("product__vendor")
        .only(
            "created_at",
            "answered_at",
            "message",
            "product__name",
            "product__slug",
            "product__vendor__display_name",
            "product__vendor__slug",
            "product__vendor__whatsapp",
        )
        .order_by("-created_at")[:ACCOUNT_QUOTES_LIMIT]
    )
