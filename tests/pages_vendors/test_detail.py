import pytest
from django.urls import reverse

from tests.factories import VendorFactory

from .support import storefront_vendor

pytestmark = pytest.mark.django_db


@pytest.fixture
def shop(db):
    return storefront_vendor(
        display_name="Arepas Doña Luz",
        slug="arepas-dona-luz",
        short_description="Arepas de chócolo hechas a mano",
        description="Primera línea.\nSegunda línea <script>alert(1)</script>",
        website="https://arepas.example.com",
        instagram="https://instagram.com/arepas",
        public_address="Calle 10 # 43-25, Medellín",
        opening_hours="Lunes a sábado, 8:00 a. m. a 6:00 p. m.",
        offers_pickup=True,
        offers_delivery=True,
        vat_responsible=True,
    )


def page(client, vendor):
    response = client.get(reverse("vendors:detail", args=[vendor.slug]))
    assert response.status_code == 200
    return response.content.decode()


def test_detail_url():
    assert reverse("vendors:detail", args=["arepas-dona-luz"]) == "/negocios/arepas-dona-luz/"


def test_vendor_page_shows_ley_1480_seller_information(client, shop):
    shop.enrollment.legal_name = "Arepas Doña Luz S.A.S."
    shop.enrollment.nit = "9003739238"
    shop.enrollment.save()

    html = page(client, shop)

    assert "Información del vendedor" in html
    assert "Ley 1480 de 2011" in html
    assert "Arepas Doña Luz S.A.S." in html
    assert "900.373.923-8" in html
    assert "Carrera 43A # 1 Sur-50, Medellín" in html
    assert "+57 604 4445566" in html
    assert 'href="mailto:ventas@negocio.example.com"' in html
    assert "Responsable de IVA" in html


def test_vendor_page_has_whatsapp_button_and_safe_external_links(client, shop):
    html = page(client, shop)

    assert "Escríbenos por WhatsApp" in html
    assert 'href="https://wa.me/573001234567" rel="noopener"' in html
    assert 'href="https://arepas.example.com" rel="noopener"' in html
    assert 'href="https://instagram.com/arepas" rel="noopener"' in html


def test_vendor_page_shows_address_hours_delivery_fees_and_portfolio_placeholder(client, shop):
    html = page(client, shop)

    assert "Calle 10 # 43-25, Medellín" in html
    assert "Lunes a sábado, 8:00 a. m. a 6:00 p. m." in html
    assert "Puedes recoger tu pedido en el local." in html
    assert "Hace domicilios." in html
    assert "$\u00a04.000" in html  # Medellín
    assert "$\u00a08.000" in html  # Itagüí
    assert "Portafolio" in html
    assert "Pronto verás aquí los productos y servicios de este negocio" in html


def test_description_keeps_line_breaks_and_escapes_html(client, shop):
    html = page(client, shop)

    assert "Primera línea.<br>Segunda línea &lt;script&gt;" in html
    assert "<script>alert(1)</script>" not in html


def test_logo_uses_renditions(client, shop):
    html = page(client, shop)

    assert f"/media/vendors/{shop.pk}/logo/abc-400.webp 400w" in html
    assert 'width="96" height="96"' in html


def test_not_responsible_for_vat_says_so(client):
    vendor = storefront_vendor(vat_responsible=False)

    assert "No responsable de IVA" in page(client, vendor)


@pytest.mark.parametrize("status", ["pending_review", "suspended", "rejected", "closed"])
def test_vendor_not_active_is_not_found(client, status, settings):
    settings.DEBUG = False
    vendor = VendorFactory(status=status)

    response = client.get(reverse("vendors:detail", args=[vendor.slug]))

    assert response.status_code == 404
    assert "No encontramos esta página" in response.content.decode()


def test_unknown_slug_is_not_found(client, db):
    assert client.get("/negocios/no-existe/").status_code == 404
