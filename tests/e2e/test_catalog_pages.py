"""The storefront in a real browser: the home page, the catalogue with its filters, a category,
a product page (goods with options) and a service's quote request, and a vendor's portfolio.
Products get real images through the catalogue's image service. Each page is captured at 360 and
1280 px (var/screenshots/catalog-*.png)."""

import io
import re
from importlib import import_module
from pathlib import Path
from urllib.parse import unquote

import pytest
from django.apps import apps as django_apps
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw, ImageFont
from playwright.sync_api import expect

from catalog.models import Category, QuoteRequest
from catalog.services.images import product_image_add
from marketplace.core.models import Municipality
from search import indexing
from search.backends import database_backend
from tests.factories import ProductFactory, VariantFactory
from vendors.models import Vendor

from .test_vendor_pages import _storefront, load_every_image

pytestmark = pytest.mark.e2e

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")

# (vendor index in test_vendor_pages.BUSINESSES, name, category, variants, extra product fields,
#  image colours). Newest first: the first entry is published last.
LISTINGS = [
    (
        2,
        "Matera pintada a mano",
        "ceramica",
        [
            {"name": "Pequeña", "price": 28_000, "stock_quantity": 12},
            {"name": "Mediana", "price": 45_900, "stock_quantity": 2, "compare_at_price": 52_000},
            {"name": "Grande", "price": 78_000, "stock_quantity": 0},
        ],
        {"tax_class": "iva_19"},
        ["#1d4e89", "#2f6f73", "#b25d00"],
    ),
    (
        0,
        "Arepas de chócolo x 5",
        "comida-preparada",
        [{"price": 12_500, "stock_quantity": 30}],
        {"tax_class": "excluido"},
        ["#0b6e4f"],
    ),
    (
        1,
        "Café de origen La Montañera 500 g",
        "cafe-y-chocolate",
        [{"price": 32_000, "stock_quantity": 15}],
        {"tax_class": "iva_5"},
        ["#8c2f39"],
    ),
    (
        3,
        "Diseño de logo e identidad de marca",
        "diseno-grafico",
        [{"price": 350_000, "track_inventory": False, "stock_quantity": 0}],
        {"kind": "service", "pricing_mode": "from", "duration_minutes": 600},
        ["#b25d00"],
    ),
    (
        3,
        "Fotografía de producto para tiendas en línea",
        "fotografia-y-video",
        [{"price": 0, "track_inventory": False, "stock_quantity": 0}],
        {"kind": "service", "pricing_mode": "quote", "duration_minutes": 180},
        ["#5b3f8c", "#2f6f73"],
    ),
    (
        5,
        "Obleas con arequipe y queso",
        "dulces-y-postres",
        [{"price": 6_000, "stock_quantity": 40}],
        {"tax_class": "excluido"},
        ["#2f6f73"],
    ),
    (
        0,
        "Bocadillo veleño en hoja de bijao",
        "dulces-y-postres",
        [{"price": 9_500, "stock_quantity": 0}],
        {"tax_class": "excluido"},
        ["#9c6644"],
    ),
    (
        4,
        "Mantenimiento completo de bicicleta",
        "reparaciones-y-mantenimiento",
        [{"price": 85_000, "track_inventory": False, "stock_quantity": 0}],
        {"kind": "service", "pricing_mode": "fixed", "duration_minutes": 90},
        ["#3c91e6"],
    ),
    (
        1,
        "Chocolate de mesa artesanal con una descripción de nombre muy largo",
        "cafe-y-chocolate",
        [{"price": 14_900, "stock_quantity": 3}],
        {"tax_class": "iva_5"},
        ["#5b3f8c"],
    ),
]


@pytest.fixture(autouse=True)
def _database_search(settings):
    settings.SEARCH_BACKEND = "database"
    settings.ELASTICSEARCH_URL = ""


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def reference_data(municipalities):
    """The live server's flush takes the rows that migrations load (CIIU sections, programme,
    category tree); put them back with the migrations' own loaders."""
    import_module("vendors.migrations.0002_reference_data").load(django_apps, None)
    import_module("catalog.migrations.0002_category_tree").load(django_apps, None)


def _font(size: int):
    """A font with Spanish accents (Pillow's built-in one draws boxes for é and ñ)."""
    try:
        return ImageFont.truetype(str(DEJAVU), size)
    except OSError:
        try:
            return ImageFont.load_default(size=size)
        except TypeError:  # Pillow without FreeType scaling
            return ImageFont.load_default()


def _photo(name: str, colour: str, label: str, size=(1200, 900)) -> SimpleUploadedFile:
    """A real JPEG, as a phone would upload it."""
    image = Image.new("RGB", size, colour)
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle(
        (60, 60, size[0] - 60, size[1] - 60), radius=48, outline="white", width=10
    )
    font = _font(size[1] // 9)
    lines = re.findall(r".{1,16}(?:\s|$)", label)  # wrapped at about 16 characters a line
    draw.multiline_text(
        (size[0] / 2, size[1] / 2),
        "\n".join(line.strip() for line in lines[:4]),
        fill="white",
        font=font,
        anchor="mm",
        align="center",
    )
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=88)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def store(reference_data):
    """Six vendors of test_vendor_pages with real logos, and nine listings with real images."""
    from datetime import timedelta

    from django.utils import timezone

    vendors = [_storefront(index) for index in range(6)]
    Vendor.objects.filter(pk__in=[vendors[1].pk, vendors[2].pk]).update(vat_responsible=True)
    products = {}
    now = timezone.now()
    for age, (index, name, category, variants, fields, colours) in enumerate(LISTINGS):
        vendor = Vendor.objects.get(pk=vendors[index].pk)
        product = ProductFactory(
            vendor=vendor,
            name=name,
            category=Category.objects.get(slug=category),
            description=f"{name}, hecho por {vendor.display_name}.\n\nPregúntanos por WhatsApp.",
            published_at=now - timedelta(hours=age),
            # Photos of a live listing wait for review: add them first, then publish.
            status="draft",
            **fields,
        )
        if product.kind == "service":
            product.service_municipalities.set(
                Municipality.objects.filter(slug__in=["medellin", "envigado", "itagui"])
            )
        for values in variants:
            VariantFactory(product=product, **values)
        owner = vendor.memberships.get().user
        for position, colour in enumerate(colours):
            product_image_add(
                product=product,
                added_by=owner,
                upload=_photo(f"foto-{position}.jpg", colour, name),
                alt=f"{name}, foto {position + 1}",
            )
        type(product).objects.filter(pk=product.pk).update(status="published")
        product.status = "published"
        products[name] = product
    # Published by a direct update, without the services' events: index what is there now, so
    # the catalogue's search box (search.services) finds it.
    indexing.rebuild(backends=[database_backend()])
    return {"vendors": vendors, "products": products}


def cards(page):
    return page.locator(".product-card")


def titles(page):
    return page.locator(".product-card__title")


def card_names(page) -> list[str]:
    """Read once the page has settled (call after an `expect` that waits)."""
    return [name.strip() for name in titles(page).all_inner_texts()]


def test_home_shows_new_listings_categories_and_municipalities(page, screenshot, store):
    page.goto("/")

    expect(page.get_by_role("heading", level=1)).to_have_text("Compra local en el Valle de Aburrá")
    expect(cards(page)).to_have_count(8)
    # In stock first: the sold-out bocadillo is not in the showcase while others are available.
    expect(page.locator(".product-grid")).not_to_contain_text("Bocadillo veleño")
    expect(page.get_by_role("link", name="Alimentos y bebidas")).to_be_visible()
    expect(page.get_by_role("heading", name="¿Tienes un negocio?")).to_be_visible()
    load_every_image(page)
    screenshot("catalog-home")

    page.locator(".municipalities").get_by_role("link", name="Bello").click()
    expect(page).to_have_url(re.compile(r"/catalogo/\?municipio=bello$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Catálogo")
    expect(page.locator(".filter-chip")).to_have_text(re.compile("Bello"))
    assert sorted(card_names(page)) == [
        "Café de origen La Montañera 500 g",
        "Chocolate de mesa artesanal con una descripción de nombre muy largo",
    ]
    assert page.console_errors == []


def test_catalogue_search_filters_sort_and_chips(page, screenshot, store):
    page.goto("/")
    page.get_by_role("navigation", name="Navegación principal").get_by_role(
        "link", name="Catálogo"
    ).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Catálogo")
    expect(cards(page)).to_have_count(len(LISTINGS))
    expect(page.get_by_text("9 resultados")).to_be_visible()
    sold_out = page.locator(".product-card", has_text="Bocadillo veleño")
    expect(sold_out.locator(".product-card__badge")).to_have_text("Agotado")
    expect(page.locator(".product-card", has_text="Fotografía de producto")).to_contain_text(
        "Precio a convenir"
    )
    expect(page.locator(".product-card", has_text="Diseño de logo")).to_contain_text(
        "Desde $\u00a0350.000"
    )
    load_every_image(page)
    screenshot("catalog-list")

    page.get_by_text("Filtrar y ordenar").click()
    page.get_by_label("Tipo").select_option(label="Productos")
    page.get_by_label("Precio hasta").fill("30.000")
    page.get_by_label("Ordenar por").select_option(label="Menor precio")
    page.get_by_label("Solo disponibles").check()
    page.get_by_role("button", name="Aplicar").click()

    expect(titles(page)).to_have_text(
        [
            "Obleas con arequipe y queso",
            "Arepas de chócolo x 5",
            "Chocolate de mesa artesanal con una descripción de nombre muy largo",
            "Matera pintada a mano",
        ]
    )
    expect(page.locator(".filter-chip")).to_have_count(3)
    expect(page.locator(".product-card").first).to_contain_text("$\u00a06.000")
    load_every_image(page)
    screenshot("catalog-list-filtered")

    # Each chip removes its own filter and keeps the rest.
    page.locator(".filter-chip", has_text="Hasta").click()
    expect(page.locator(".filter-chip")).to_have_count(2)
    expect(cards(page)).to_have_count(5)  # + the café, above $ 30.000; the bocadillo is sold out

    page.get_by_role("searchbox", name="Buscar en el catálogo").fill("origen")
    page.get_by_role("button", name="Buscar", exact=True).click()
    expect(titles(page)).to_have_text(["Café de origen La Montañera 500 g"])
    expect(page.locator(".filter-chip", has_text="origen")).to_be_visible()
    assert page.console_errors == []


def test_category_lists_its_subcategories_products(page, screenshot, store):
    page.goto("/catalogo/")
    page.locator(".category-links").get_by_role("link", name="Alimentos y bebidas").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Alimentos y bebidas")
    expect(page.locator(".crumbs")).to_contain_text("Catálogo")
    expect(
        page.locator(".category-links").get_by_role("link", name="Dulces y postres")
    ).to_be_visible()
    assert sorted(card_names(page)) == sorted(
        [
            "Arepas de chócolo x 5",
            "Café de origen La Montañera 500 g",
            "Obleas con arequipe y queso",
            "Bocadillo veleño en hoja de bijao",
            "Chocolate de mesa artesanal con una descripción de nombre muy largo",
        ]
    )
    load_every_image(page)
    screenshot("catalog-category")

    page.locator(".category-links").get_by_role("link", name="Dulces y postres").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dulces y postres")
    expect(cards(page)).to_have_count(2)
    assert page.console_errors == []


def test_product_page_for_goods_with_options(page, screenshot, store):
    page.goto("/catalogo/")
    page.get_by_role("link", name="Matera pintada a mano").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Matera pintada a mano")
    price = page.locator(".price-box")
    # The first option that can be bought is chosen.
    expect(price.locator(".price-box__price")).to_have_text("$\u00a028.000")
    expect(price).to_contain_text("IVA incluido")
    expect(price).to_contain_text("Disponible")
    expect(page.get_by_role("button", name="Agregar al carrito")).to_be_enabled()
    expect(page.get_by_text("Desde el carrito finalizas la compra")).to_be_visible()
    seller = page.locator(".seller-info")
    expect(seller).to_contain_text("Cerámicas La Estrella S.A.S.")
    expect(seller).to_contain_text(re.compile(r"\d{3}\.\d{3}\.\d{3}-\d"))
    expect(page.locator(".fee-table")).to_contain_text("$\u00a04.000")
    expect(page.locator(".product-gallery__thumb")).to_have_count(2)
    href = page.locator(".product-gallery__thumb").first.get_attribute("href")
    assert re.search(r"/media/products/\d+/\w+-1600\.jpg$", href)
    load_every_image(page)
    screenshot("catalog-product")

    # Without JavaScript: pick an option, submit, and the page shows its price and stock.
    page.get_by_role("radio", name=re.compile("Mediana")).check()
    page.get_by_role("button", name="Ver esta opción").click()
    expect(price.locator(".price-box__price")).to_have_text("$\u00a045.900")
    expect(price).to_contain_text("Antes $\u00a052.000")
    expect(price).to_contain_text("Últimas 2 unidades")
    whatsapp = page.get_by_role("link", name=re.compile("Escríbenos por WhatsApp"))
    text = unquote(whatsapp.get_attribute("href").split("text=", 1)[1])
    assert "«Matera pintada a mano (Mediana)»" in text

    # The larger rendition opens on its own, no script needed.
    response = page.request.get(href)
    assert response.ok and response.headers["content-type"] == "image/jpeg"
    assert page.console_errors == []


def test_service_quote_request(page, screenshot, store, mailoutbox):
    page.goto("/catalogo/?tipo=servicios")
    page.get_by_role("link", name="Fotografía de producto para tiendas en línea").click()

    expect(page.locator(".price-box__price")).to_have_text("Precio a convenir")
    service = page.locator("section", has=page.get_by_role("heading", name="Sobre el servicio"))
    expect(service).to_contain_text("3 horas")
    expect(service).to_contain_text("Envigado, Itagüí, Medellín")
    load_every_image(page)
    screenshot("catalog-service")

    page.get_by_role("link", name="Solicitar cotización").click()
    form = page.locator("#cotizar")
    form.get_by_label("Tu nombre").fill("Ana Restrepo")
    form.get_by_label("Correo electrónico").fill("ana@example.com")
    form.get_by_label("Teléfono o celular (opcional)").fill("12345")
    form.get_by_label("¿Qué necesitas?").fill("Fotos")
    form.get_by_role("button", name="Enviar solicitud").click()

    expect(page.get_by_text("Revisa los campos marcados y vuelve a intentarlo.")).to_be_visible()
    expect(form.get_by_text("Escribe un teléfono válido")).to_be_visible()
    expect(form.get_by_text("mínimo 10 caracteres")).to_be_visible()
    expect(form.get_by_label("Tu nombre")).to_have_value("Ana Restrepo")
    load_every_image(page)
    screenshot("catalog-quote-errors")
    assert not QuoteRequest.objects.exists()

    form.get_by_label("Teléfono o celular (opcional)").fill("300 123 4567")
    form.get_by_label("¿Dónde necesitas el servicio?").select_option(label="Envigado")
    form.get_by_label("¿Qué necesitas?").fill(
        "Fotos de 30 productos para mi tienda, con fondo blanco."
    )
    form.get_by_role("button", name="Enviar solicitud").click()

    expect(page.get_by_text("Tu solicitud llegó al negocio")).to_be_visible()
    quote = QuoteRequest.objects.get()
    assert quote.municipality.slug == "envigado"
    assert quote.phone == "+573001234567"
    # The seller's notice address, each of its members, and the requester's own copy.
    vendor = quote.product.vendor
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [vendor.notice_email, vendor.memberships.get().user.email, "ana@example.com"]
    )
    assert all("Fotografía de producto" in m.subject for m in mailoutbox)
    screenshot("catalog-quote-sent")
    assert page.console_errors == []


def test_vendor_page_shows_the_portfolio(page, screenshot, store):
    page.goto("/negocios/")
    page.get_by_role("link", name="Arepas Doña Luz").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Arepas Doña Luz")
    portfolio = page.locator("#portafolio")
    expect(portfolio.get_by_role("heading", name="Portafolio")).to_be_visible()
    expect(portfolio.locator(".product-card")).to_have_count(2)
    expect(portfolio).to_contain_text("2 productos y servicios")
    expect(portfolio.locator(".product-card", has_text="Bocadillo")).to_contain_text("Agotado")
    load_every_image(page)
    screenshot("catalog-vendor")

    portfolio.get_by_role("link", name="Arepas de chócolo x 5").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Arepas de chócolo x 5")
    # This vendor is not responsible for IVA, whatever the listing's tax class.
    expect(page.locator(".price-box")).to_contain_text("No responsable de IVA")
    assert page.console_errors == []
