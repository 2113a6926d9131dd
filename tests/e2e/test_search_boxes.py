"""The search boxes of a category and of a business's page in a real browser, with and without
JavaScript: words typed there find, ranked, only what the page shows, and the other filters stay.
Each page is captured at 360 and 1280 px (var/screenshots/searchbox-*.png)."""

import pytest
from playwright.sync_api import expect

# The search page's browser tests' store (the demo portfolios, published through the services).
from .test_search_pages import _database_search, card_names, reference_data  # noqa: F401
from .test_search_pages import store as store_fixture

store = store_fixture

pytestmark = pytest.mark.e2e


def test_a_category_box_searches_within_the_category_and_keeps_the_filters(page, screenshot, store):
    page.goto("/catalogo/alimentos-y-bebidas/?tipo=productos")
    box = page.get_by_label("Buscar en Alimentos y bebidas")
    box.fill("arepas rellenas")
    box.press("Enter")

    page.wait_for_url("**/catalogo/alimentos-y-bebidas/?q=arepas*")
    assert "tipo=productos" in page.url
    names = card_names(page)
    assert names[0] == "Arepa rellena de carne desmechada"
    assert all("cuero" not in name.lower() for name in names)
    expect(page.locator(".product-card__title mark").first).to_be_visible()
    expect(page.get_by_label("Buscar en Alimentos y bebidas")).to_have_value("arepas rellenas")
    screenshot("searchbox-category")

    page.goto("/catalogo/alimentos-y-bebidas/?q=zapatos+de+cuero")
    expect(page.get_by_text("No encontramos resultados para «zapatos de cuero»")).to_be_visible()
    expect(page.get_by_role("link", name="Buscar en todo el catálogo")).to_be_visible()
    screenshot("searchbox-category-none")


def test_a_business_box_searches_its_portfolio(page, screenshot, store):
    page.goto("/negocios/arepas-dona-luz/")
    box = page.get_by_label("Buscar en el portafolio de Arepas Doña Luz")
    box.fill("queso")
    box.press("Enter")

    page.wait_for_url("**/negocios/arepas-dona-luz/?q=queso*")
    names = [
        name.strip() for name in page.locator(".portfolio .product-card__title").all_inner_texts()
    ]
    assert names and all("arepa" in name.lower() for name in names)
    expect(page.get_by_role("link", name="Ver todo el portafolio").first).to_be_visible()
    screenshot("searchbox-business")

    page.goto("/negocios/arepas-dona-luz/?q=billetera")
    expect(page.get_by_text("No encontramos resultados para «billetera»")).to_be_visible()
    expect(page.get_by_role("link", name="Buscar en toda la tienda")).to_have_attribute(
        "href", "/buscar/?q=billetera"
    )
    screenshot("searchbox-business-none")


def test_the_boxes_work_without_javascript(browser, live_server, store):
    context = browser.new_context(
        java_script_enabled=False, locale="es-CO", base_url=live_server.url
    )
    page = context.new_page()
    try:
        page.goto("/catalogo/")
        page.get_by_label("Buscar en el catálogo").fill("cafe")
        page.get_by_role("button", name="Buscar", exact=True).first.click()
        page.wait_for_url("**/catalogo/?q=cafe*")
        assert any("Café" in name for name in card_names(page))

        page.goto("/negocios/cafe-la-montanera/")
        page.get_by_label("Buscar en el portafolio de Café La Montañera").fill("molido")
        page.locator(".portfolio-search").get_by_role("button", name="Buscar").click()
        page.wait_for_url("**/negocios/cafe-la-montanera/?q=molido*")
        expect(page.locator(".portfolio__count")).to_contain_text("resultado")
    finally:
        context.close()
