import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

MUNICIPALITIES = [
    "Barbosa",
    "Bello",
    "Caldas",
    "Copacabana",
    "Envigado",
    "Girardota",
    "Itagüí",
    "La Estrella",
    "Medellín",
    "Sabaneta",
]


def test_home_presents_the_store_and_the_ten_municipalities(page, screenshot):
    page.goto("/")

    expect(page.get_by_role("heading", level=1)).to_have_text("Compra local en el Valle de Aburrá")
    expect(page.locator(".municipalities__item")).to_have_text(MUNICIPALITIES)
    screenshot("home")
    assert page.console_errors == []


def test_skip_link_is_the_first_stop_and_moves_to_the_content(page):
    page.goto("/")

    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Saltar al contenido")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("#contenido")).to_be_focused()


def test_language_selector_switches_to_english(page, screenshot):
    page.goto("/")

    page.get_by_label("Idioma del sitio").select_option("en")
    page.get_by_role("button", name="Cambiar").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Buy local in the Aburrá Valley")
    assert page.evaluate("document.documentElement.lang") == "en"
    screenshot("home-en")


def test_privacy_policy_page(page, screenshot):
    page.goto("/politica-de-datos/")

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Política de tratamiento de datos personales"
    )
    screenshot("privacy-policy")
