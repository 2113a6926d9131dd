"""Quote requests in the dashboard."""

from django.urls import reverse

from catalog.models import QuoteRequest
from marketplace.core.models import Municipality
from tests.factories import ProductFactory, VariantFactory


def _quote(vendor, **kwargs):
    product = ProductFactory(
        vendor=vendor, kind="service", pricing_mode="quote", name="Identidad de marca"
    )
    VariantFactory(product=product, price=0, track_inventory=False)
    defaults = {
        "name": "Valentina Ríos",
        "email": "valentina@example.com",
        "phone": "+573001234567",
        "municipality": Municipality.objects.get(slug="bello"),
        "message": "Necesito un logo para mi panadería.\nPara el próximo mes.",
    }
    return QuoteRequest.objects.create(product=product, **(defaults | kwargs))


def test_quotes_show_contact_details_and_message(owner_client, vendor):
    _quote(vendor)

    response = owner_client.get(reverse("vendors:quotes"))

    html = response.content.decode()
    assert response.status_code == 200
    for text in (
        "Identidad de marca",
        "Valentina Ríos",
        "valentina@example.com",
        "+57 300 1234567",
        "Bello",
        "Necesito un logo para mi panadería.<br>Para el próximo mes.",
        "1 solicitud sin responder",
        "Marcar como respondida",
    ):
        assert text in html, text
    # Contact details are shown as text, without mailto or WhatsApp links.
    assert "mailto:" not in html
    assert "wa.me" not in html


def test_mark_a_quote_as_answered(owner_client, vendor):
    quote = _quote(vendor)

    response = owner_client.post(reverse("vendors:quote_answered", args=[quote.pk]))

    assert response["Location"] == reverse("vendors:quotes")
    quote.refresh_from_db()
    assert quote.answered_at is not None
    html = owner_client.get(reverse("vendors:quotes")).content.decode()
    assert "Respondida" in html
    assert "Respondiste todas las solicitudes." in html


def test_no_quotes_yet(owner_client):
    html = owner_client.get(reverse("vendors:quotes")).content.decode()

    assert "Todavía no tienes solicitudes" in html
