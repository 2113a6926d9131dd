"""Search in a real browser: suggestions in the header's box as people type (keyboard and
pointer), the results page with facets, sort and highlighted words, a typo corrected, a word
left out, and the empty box. The catalogue is the demo's portfolios, created through the catalogue services (so
the indexing pipeline runs as in production) and then rebuilt once to be sure. Each page is
captured at 360 and 1280 px (var/screenshots/search-*.png)."""

import io
import re
from importlib import import_module
from urllib.parse import parse_qs, urlsplit

import pytest
from django.apps import apps as django_apps
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw, ImageFont
from playwright.sync_api import expect

from catalog.demo_data import PORTFOLIOS
from catalog.services.images import product_image_add
from catalog.services.products import ProductInput, product_create, product_publish
from catalog.services.variants import variant_create
from marketplace.accounts.roles import Role
from marketplace.core.models import Municipality
from search import indexing
from search.backends import database_backend
from tests.factories import EnrollmentFactory, UserFactory, VendorMembershipFactory

from .test_vendor_pages import load_every_image

pytestmark = pytest.mark.e2e

# Demo vendor -> (slug, municipality, colour of its product photos).
VENDORS = {
    "Arepas Doña Luz": ("arepas-dona-luz", "medellin", "#0b6e4f"),
    "Cueros del Sur": ("cueros-del-sur", "itagui", "#8c2f39"),
    "Café La Montañera": ("cafe-la-montanera", "bello", "#6b3e26"),
    "Diseño Pixel Paisa": ("diseno-pixel-paisa", "envigado", "#1d4e89"),
    "Calzado Rayito": ("calzado-rayito", "itagui", "#b25d00"),
    "Dulces de la Abuela": ("dulces-de-la-abuela", "sabaneta", "#5b3f8c"),
}
BOX = "Buscar productos, servicios o negocios"


@pytest.fixture(autouse=True)
def _database_search(settings):
    settings.SEARCH_BACKEND = "database"
    settings.ELASTICSEARCH_URL = ""


@pytest.fixture
def reference_data(municipalities):
    """The live server's flush takes the rows migrations load (CIIU sections, programme,
    category tree); put them back with the migrations' own loaders."""
    import_module("vendors.migrations.0002_reference_data").load(django_apps, None)
    import_module("catalog.migrations.0002_category_tree").load(django_apps, None)


def _photo(name: str, colour: str) -> SimpleUploadedFile:
    image = Image.new("RGB", (640, 480), colour)
    draw = ImageDraw.Draw(image)
    try:
        font = ImageFont.load_default(size=44)
    except TypeError:  # Pillow without FreeType scaling
        font = ImageFont.load_default()
    lines = re.findall(r".{1,18}(?:\s|$)", name)
    draw.multiline_text(
        (320, 240),
        "\n".join(line.strip() for line in lines[:4]),
        fill="white",
        font=font,
        anchor="mm",
        align="center",
    )
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return SimpleUploadedFile("foto.jpg", buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def store(reference_data):
    """The demo's six named portfolios (48 listings), published through the services."""
    moderator = UserFactory(email="moderacion@example.com", roles=[Role.MODERATOR])
    for name, (slug, municipality, colour) in VENDORS.items():
        membership = VendorMembershipFactory(
            vendor__enrollment=EnrollmentFactory(
                trade_name=name, municipality=Municipality.objects.get(slug=municipality)
            ),
            vendor__display_name=name,
            vendor__slug=slug,
        )
        vendor, owner = membership.vendor, membership.user
        category, kind, entries = PORTFOLIOS[name]
        for index, entry in enumerate(entries):
            product_name, price, description = entry[:3]
            product = product_create(
                vendor=vendor,
                created_by=owner,
                data=ProductInput(
                    values={
                        "name": product_name,
                        "description": description,
                        "category": category,
                        "kind": kind,
                        "tax_class": "excluido",
                        "pricing_mode": (entry[3] if len(entry) > 3 else "fixed")
                        if kind == "service"
                        else "fixed",
                    },
                    service_municipalities=["medellin", "envigado"] if kind == "service" else None,
                ),
            )
            variant_create(
                product=product,
                created_by=owner,
                values={
                    "sku": f"{slug[:6]}-{index}",
                    "price": price,
                    "track_inventory": kind == "goods",
                },
                initial_stock=0 if kind == "service" or index == 7 else 12,
            )
            product_image_add(
                product=product,
                added_by=owner,
                upload=_photo(product_name, colour),
                alt=product_name,
            )
            product_publish(product=product, published_by=moderator)
    # The services' events index each product after commit; a rebuild makes sure of it.
    indexing.rebuild(backends=[database_backend()])


def combobox(page):
    return page.get_by_role("combobox", name=BOX)


def listbox(page):
    return page.get_by_role("listbox")


def card_names(page) -> list[str]:
    return [name.strip() for name in page.locator(".product-card__title").all_inner_texts()]


def open_filters(page):
    """On a phone the facets fold under "Filtrar resultados"; beside the results they are open."""
    panel = page.locator(".search-filters__panel")
    if not panel.locator(".facet").first.is_visible():
        page.get_by_text("Filtrar resultados").click()
    expect(panel.locator(".facet").first).to_be_visible()


def test_type_pick_a_suggestion_with_the_keyboard_then_search(page, screenshot, store):
    page.goto("/")
    box = combobox(page)
    expect(box).to_have_attribute("aria-expanded", "false")

    box.press_sequentially("arep", delay=40)

    expect(listbox(page)).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    options = listbox(page).get_by_role("option")
    expect(options.first).to_contain_text("Arepa")
    expect(page.get_by_role("status").filter(has_text="sugerencias")).to_have_count(1)
    labels = options.all_inner_texts()
    assert all("Arepa" in label or "arepa" in label.lower() for label in labels), labels
    screenshot("search-autocomplete")

    # Down moves the highlight; the box tells assistive technology which option it is.
    box.press("ArrowDown")
    first = options.first
    expect(first).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", first.get_attribute("id"))
    box.press("ArrowDown")
    expect(options.nth(1)).to_have_attribute("aria-selected", "true")
    expect(first).to_have_attribute("aria-selected", "false")
    box.press("ArrowUp")
    expect(first).to_have_attribute("aria-selected", "true")

    # Escape closes the list and keeps what was typed.
    box.press("Escape")
    expect(listbox(page)).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(box).not_to_have_attribute("aria-activedescendant", re.compile(".+"))
    expect(box).to_have_value("arep")

    # Enter with no option highlighted searches the words typed.
    box.press_sequentially("as", delay=40)
    expect(listbox(page)).to_be_visible()
    box.press("Enter")

    expect(page).to_have_url(re.compile(r"/buscar/\?q=arepas$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Resultados para «arepas»")
    expect(combobox(page)).to_have_value("arepas")
    names = card_names(page)
    # Plurals and singulars alike, name matches before description matches.
    assert names[0].lower().startswith("arepa") and "Paquete de 10 arepas de maíz pelao" in names
    expect(page.locator(".product-card__title mark").first).to_have_text(re.compile("^arepa", re.I))
    open_filters(page)
    expect(page.get_by_role("heading", name="Precio")).to_be_visible()
    load_every_image(page)
    screenshot("search-results")
    assert page.console_errors == []


def test_enter_on_a_highlighted_suggestion_opens_it(page, store):
    page.goto("/")
    combobox(page).press_sequentially("calzado r", delay=40)
    option = listbox(page).get_by_role("option", name=re.compile("Calzado Rayito"))
    expect(option).to_be_visible()
    expect(option).to_contain_text("Negocio")
    combobox(page).press("ArrowDown")
    while option.get_attribute("aria-selected") != "true":
        combobox(page).press("ArrowDown")
    combobox(page).press("Enter")
    expect(page).to_have_url(re.compile(r"/negocios/calzado-rayito/$"))
    assert page.console_errors == []


def test_a_pointer_picks_a_suggestion(page, store):
    page.goto("/catalogo/")
    combobox(page).press_sequentially("obleas", delay=40)
    option = listbox(page).get_by_role("option", name=re.compile("Obleas con arequipe"))
    option.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Obleas con arequipe x 6")


def test_facets_filter_sort_and_keep_the_query(page, screenshot, store):
    page.goto("/buscar/?q=cuero")
    total = int(re.match(r"\d+", page.locator(".search-header__count").inner_text()).group())
    assert total >= 4
    open_filters(page)

    facet = page.locator(".facet", has=page.get_by_role("heading", name="Municipio"))
    itagui = facet.get_by_role("link", name=re.compile("Itagüí"))
    count = int(itagui.locator(".facet__count").inner_text().strip("()"))
    itagui.click()

    query = parse_qs(urlsplit(page.url).query)
    assert query == {"q": ["cuero"], "municipio": ["itagui"]}
    expect(page.locator(".search-header__count")).to_contain_text(f"{count} resultado")
    expect(page.locator(".product-card")).to_have_count(count)
    expect(page.locator(".filter-chip")).to_have_text(re.compile("Itagüí"))

    page.get_by_role("navigation", name="Ordenar por").get_by_role(
        "link", name="Menor precio"
    ).click()
    query = parse_qs(urlsplit(page.url).query)
    assert query == {"q": ["cuero"], "municipio": ["itagui"], "orden": ["menor-precio"]}
    prices = [
        int(re.sub(r"\D", "", text))
        for text in page.locator(".product-card__price").all_inner_texts()
    ]
    assert prices == sorted(prices) and len(prices) == count
    open_filters(page)
    expect(page.locator(".facet__link--selected")).to_contain_text("Itagüí")
    load_every_image(page)
    screenshot("search-results-filtered")

    # The chip removes the filter and keeps the query and the order.
    page.locator(".filter-chip", has_text="Itagüí").click()
    query = parse_qs(urlsplit(page.url).query)
    assert query == {"q": ["cuero"], "orden": ["menor-precio"]}
    expect(page.locator(".product-card")).to_have_count(total)
    assert page.console_errors == []


def test_a_typo_is_corrected_and_an_empty_box_is_explained(page, screenshot, store):
    page.goto("/")
    combobox(page).fill("arequipr")
    combobox(page).press("Enter")
    expect(page.locator(".search-suggestion")).to_contain_text("arequipe")
    expect(page.locator(".product-card").first).to_be_visible()
    load_every_image(page)
    screenshot("search-corrected")

    page.goto("/buscar/")
    expect(page.get_by_role("heading", level=1)).to_have_text("¿Qué estás buscando?")
    expect(page.get_by_role("link", name="arepas")).to_be_visible()
    screenshot("search-empty")

    # Only symbols: no query, the whole catalogue, as the API answers, and the page says why.
    page.goto("/buscar/?q=%22%26%7C")
    expect(page.locator(".search-suggestion")).to_contain_text("no tiene palabras que buscar")
    expect(page.locator(".product-card").first).to_be_visible()

    # A word no listing has is left out, and the page says which.
    page.goto("/buscar/?q=arepas+plutonio")
    expect(page.locator(".search-suggestion")).to_contain_text(
        "Sin resultados para «plutonio»; mostramos resultados para «arepas»."
    )
    expect(page.locator(".product-card").first).to_be_visible()
    load_every_image(page)
    screenshot("search-left-out")

    page.goto("/buscar/?q=xyzzy+plutonio")
    expect(
        page.get_by_role("heading", name=re.compile("No encontramos resultados"))
    ).to_be_visible()
    screenshot("search-none")
    assert page.console_errors == []
