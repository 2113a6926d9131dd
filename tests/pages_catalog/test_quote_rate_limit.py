"""Anonymous quote requests are limited per client address, so a script cannot flood a vendor's
mailbox with the sender's text (the sweep sent 40 emails in 3 seconds)."""

import pytest

from catalog.models import QuoteRequest

from .support import listing
from .test_quotes import VALID, quote_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def photography(shop):
    return listing(
        shop,
        "Fotografía de bodas",
        kind="service",
        pricing_mode="quote",
        category="fotografia-y-video",
        variants=[{"price": 0, "track_inventory": False, "stock_quantity": 0}],
        service_municipalities=["medellin"],
    )


def test_quote_requests_stop_at_the_limit_with_retry_after(
    client,
    photography,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        answers = [client.post(quote_url(photography), VALID) for _ in range(8)]
    assert [a.status_code for a in answers] == [302] * 5 + [429] * 3
    refused = answers[-1]
    assert 0 < int(refused["Retry-After"]) <= 600
    assert "Hiciste demasiadas solicitudes. Intenta de nuevo en" in refused.content.decode()
    assert QuoteRequest.objects.count() == 5
    # One notice to the business and one copy to the requester for each accepted request.
    assert len(mailoutbox) == 10


def test_another_address_is_counted_apart(client, photography):
    for _ in range(5):
        client.post(quote_url(photography), VALID, REMOTE_ADDR="198.51.100.1")
    assert client.post(quote_url(photography), VALID, REMOTE_ADDR="198.51.100.1").status_code == 429
    assert client.post(quote_url(photography), VALID, REMOTE_ADDR="198.51.100.2").status_code == 302
