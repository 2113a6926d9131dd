import re

import pytest
from django.urls import reverse

from tests.factories import VendorFactory

from .support import storefront_vendor

DIRECTORY = "/negocios/"

pytestmark = pytest.mark.django_db


def names(response) -> list[str]:
    return [card["vendor"].display_name for card in response.context["cards"]]


def test_directory_url_and_name():
    assert reverse("vendors:directory") == DIRECTORY


def test_directory_lists_only_active_vendors(client):
    active = VendorFactory(display_name="Arepas Doña Luz")
    VendorFactory(display_name="En Revisión", status="pending_review")
    VendorFactory(display_name="Suspendida", status="suspended")

    response = client.get(DIRECTORY)

    assert response.status_code == 200
    assert names(response) == ["Arepas Doña Luz"]
    html = response.content.decode()
    assert reverse("vendors:detail", args=[active.slug]) in html
    assert "Suspendida" not in html
    assert "1 negocio" in html


def test_directory_filters_by_municipality_sector_and_text(client):
    storefront_vendor(display_name="Café Bello", municipality="bello", sector="I")
    storefront_vendor(display_name="Diseño Bello", municipality="bello", sector="M")
    storefront_vendor(display_name="Café Envigado", municipality="envigado", sector="I")

    assert names(client.get(DIRECTORY, {"municipio": "bello"})) == ["Café Bello", "Diseño Bello"]
    assert names(client.get(DIRECTORY, {"sector": "I"})) == ["Café Bello", "Café Envigado"]
    assert names(client.get(DIRECTORY, {"q": "café", "municipio": "envigado"})) == ["Café Envigado"]
    assert names(client.get(DIRECTORY, {"q": "diseño"})) == ["Diseño Bello"]


def test_directory_offers_the_ten_municipalities_and_the_ciiu_sections(client):
    html = client.get(DIRECTORY).content.decode()

    municipality_options = re.search(r'<select name="municipio".*?</select>', html, re.S).group(0)
    assert municipality_options.count("<option") == 11  # "Todos" and the ten
    for name in ("Medellín", "Barbosa", "Itagüí", "La Estrella", "Sabaneta"):
        assert name in municipality_options
    sector_options = re.search(r'<select name="sector".*?</select>', html, re.S).group(0)
    assert 'value="I"' in sector_options
    assert "Alojamiento y servicios de comida" in sector_options


def test_unknown_filter_value_is_reported_and_ignored(client):
    VendorFactory(display_name="Arepas Doña Luz")

    response = client.get(DIRECTORY, {"municipio": "bogota"})

    assert response.status_code == 200
    assert names(response) == ["Arepas Doña Luz"]
    assert "Esa opción no está en la lista." in response.content.decode()


def test_directory_paginates_24_per_page_and_keeps_the_filters(client):
    for number in range(25):
        VendorFactory(display_name=f"Negocio {number:02d}", short_description="Arepas")
    VendorFactory(display_name="Otro", short_description="Zapatos")

    first = client.get(DIRECTORY, {"q": "arepas"})
    second = client.get(DIRECTORY, {"q": "arepas", "pagina": "2"})

    assert len(first.context["cards"]) == 24
    assert names(second) == ["Negocio 24"]
    first_html = first.content.decode()
    assert "25 negocios" in first_html
    assert "Página 1 de 2" in first_html
    assert 'href="?q=arepas&amp;pagina=2"' in first_html
    assert 'href="?q=arepas&amp;pagina=1"' in second.content.decode()
    # A page number out of range shows the last page instead of an error.
    assert names(client.get(DIRECTORY, {"q": "arepas", "pagina": "99"})) == ["Negocio 24"]


def test_cards_show_logo_renditions_name_description_and_municipality(client):
    vendor = storefront_vendor(
        display_name="Arepas Doña Luz", short_description="Arepas de chócolo hechas a mano"
    )

    html = client.get(DIRECTORY).content.decode()

    assert f"/media/vendors/{vendor.pk}/logo/abc-96.webp 96w" in html
    assert f"/media/vendors/{vendor.pk}/logo/abc-200.webp 200w" in html
    assert 'type="image/webp"' in html
    img = re.search(r"<img [^>]*abc-96\.jpg[^>]*>", html).group(0)
    assert 'width="96"' in img and 'height="96"' in img
    assert 'loading="lazy"' in img
    assert "Arepas de chócolo hechas a mano" in html
    assert "Medellín" in html


def test_a_vendor_without_logo_gets_its_initial_not_a_broken_image(client):
    VendorFactory(display_name="Zapatería Rayito")

    html = client.get(DIRECTORY).content.decode()

    assert "vendor-logo--initial" in html
    assert "<img" not in html.split("vendor-cards", 1)[1].split("</ul>", 1)[0]


def test_empty_result_says_so_and_offers_to_clear_filters(client):
    VendorFactory(display_name="Arepas Doña Luz")

    html = client.get(DIRECTORY, {"q": "helicópteros"}).content.decode()

    assert "No encontramos negocios con esa búsqueda" in html
    assert "Ver todos los negocios" in html


def test_directory_in_english(english):
    html = english.get(DIRECTORY).content.decode()

    assert "Businesses in the programme" in html
    assert "All" in html
