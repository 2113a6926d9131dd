"""Services priced on request take a quote request from their page: it reaches the vendor by
email, and a refused one says why next to each field and stores nothing."""

import pytest
from django.urls import reverse

from catalog.models import QuoteRequest

from .support import listing

pytestmark = pytest.mark.django_db


@pytest.fixture
def photography(shop):
    return listing(
        shop,
        "Fotografía de eventos",
        kind="service",
        pricing_mode="quote",
        category="fotografia-y-video",
        variants=[{"price": 0, "track_inventory": False, "stock_quantity": 0}],
        service_municipalities=["medellin", "bello"],
    )


def quote_url(product):
    return reverse("catalog:quote", args=[product.slug])


VALID = {
    "name": "Ana Restrepo",
    "email": "Ana.Restrepo@Example.com",
    "phone": "300 123 4567",
    "municipality": "bello",
    "message": "Necesito fotos para un matrimonio de 80 personas el 12 de diciembre.",
}


def test_quote_priced_service_shows_the_form_and_no_price(client, photography):
    html = client.get(reverse("catalog:product", args=[photography.slug])).content.decode()

    assert "Precio a convenir" in html
    assert 'href="#cotizar">Solicitar cotización</a>' in html
    assert f'action="{quote_url(photography)}#cotizar"' in html
    for name in ("name", "email", "phone", "municipality", "message"):
        assert f'name="{name}"' in html
    assert "La compra en línea llega pronto" not in html
    assert "IVA incluido" not in html  # no price, so no tax note either


def test_form_is_prefilled_for_a_signed_in_person(client, photography, citizen):
    citizen.first_name, citizen.last_name, citizen.phone = "Ana", "Restrepo", "+573001234567"
    citizen.save()
    client.force_login(citizen)

    html = client.get(reverse("catalog:product", args=[photography.slug])).content.decode()

    assert 'value="Ana Restrepo"' in html
    assert 'value="ciudadana@example.com"' in html
    assert 'value="+57 300 1234567"' in html


def test_quote_request_reaches_the_vendor(
    client, photography, shop, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(quote_url(photography), VALID, follow=True)

    assert response.redirect_chain == [(f"/producto/{photography.slug}/", 302)]
    html = response.content.decode()
    assert "Tu solicitud llegó al negocio" in html
    assert "ana.restrepo@example.com" in html
    quote = QuoteRequest.objects.get()
    assert quote.product == photography
    assert quote.email == "ana.restrepo@example.com"
    assert quote.phone == "+573001234567"
    assert quote.municipality.slug == "bello"
    assert quote.requester is None
    # The business gets the request; the requester gets a copy.
    assert [m.to for m in mailoutbox] == [[shop.notice_email], ["ana.restrepo@example.com"]]
    assert "Fotografía de eventos" in mailoutbox[0].subject
    assert "matrimonio de 80 personas" in mailoutbox[0].body


def test_signed_in_requester_is_recorded(client, photography, citizen):
    client.force_login(citizen)

    client.post(quote_url(photography), VALID)

    assert QuoteRequest.objects.get().requester == citizen


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"name": "  "}, "name", "Escribe tu nombre."),
        ({"email": "ana@"}, "email", "Escribe un correo válido."),
        ({"message": "Fotos"}, "message", "mínimo 10 caracteres"),
        ({"message": ""}, "message", "mínimo 10 caracteres"),
        ({"phone": "12345"}, "phone", "Escribe un teléfono válido"),
        ({"municipality": "bogota"}, "municipality", "Municipio desconocido."),
    ],
)
def test_refused_request_says_why_by_field_and_stores_nothing(
    client, photography, mailoutbox, django_capture_on_commit_callbacks, changes, field, message
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(quote_url(photography), VALID | changes)

    assert response.status_code == 200
    form = response.context["quote_form"]
    assert any(message in error for error in form.errors[field])
    html = response.content.decode()
    assert message in html
    assert "Revisa los campos marcados y vuelve a intentarlo." in html
    # What was typed stays in the form.
    assert "Necesito fotos para un matrimonio" in html or field == "message"
    assert not QuoteRequest.objects.exists()
    assert mailoutbox == []


def test_goods_and_fixed_price_services_take_no_quotes(client, shop):
    goods = listing(shop)
    fixed = listing(
        shop,
        "Asesoría contable",
        kind="service",
        pricing_mode="fixed",
        category="contabilidad-y-finanzas",
        variants=[{"price": 120_000, "track_inventory": False, "stock_quantity": 0}],
    )

    for product in (goods, fixed):
        assert client.post(quote_url(product), VALID).status_code == 404
        html = client.get(reverse("catalog:product", args=[product.slug])).content.decode()
        assert "Solicitar cotización" not in html
    assert not QuoteRequest.objects.exists()


def test_hidden_service_takes_no_quotes(client, photography):
    photography.status = "unpublished"
    photography.save(update_fields=["status"])

    assert client.post(quote_url(photography), VALID).status_code == 404
    assert not QuoteRequest.objects.exists()


def test_get_on_the_quote_address_leads_back_to_the_form(client, photography):
    response = client.get(quote_url(photography))

    assert response.status_code == 302
    assert response["Location"] == f"/producto/{photography.slug}/#cotizar"


def test_quote_form_is_protected_against_cross_site_posts(photography):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(quote_url(photography), VALID)

    assert response.status_code == 403
    assert not QuoteRequest.objects.exists()
