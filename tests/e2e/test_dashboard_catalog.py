"""The vendor dashboard's catalogue in a real browser: an owner creates a product with its first
variant, adds a photo (a real JPEG), adjusts stock and sends it for review; a coordinator
publishes it from the console's queue. Also the CSV import preview and the quote requests. Each
page is captured at 360 and 1280 px (var/screenshots/dashboard-*.png)."""

import io
from importlib import import_module

import pytest
from django.apps import apps as django_apps
from PIL import Image, ImageDraw, ImageFont
from playwright.sync_api import expect

from catalog.models import Category, Product, QuoteRequest, StockMovement
from catalog.services.images import product_image_add
from marketplace.accounts.roles import Role
from marketplace.core.models import Municipality
from tests.factories import ProductFactory, UserFactory, VariantFactory

from .test_vendor_pages import _storefront, load_every_image, log_in

pytestmark = pytest.mark.e2e

OWNER = "dona.luz@example.com"
COORDINATOR = "coordinacion@example.com"
# Already in the portfolio: (name, category, status, variants as (sku, price, stock), colour).
PORTFOLIO = [
    (
        "Arepas de maíz pelao x 10",
        "comida-preparada",
        "published",
        [("ARE-010", 9_000, 24)],
        "#0b6e4f",
    ),
    (
        "Camiseta estampada «Medellín florece»",
        "ropa",
        "in_review",
        [("CAM-S", 45_900, 3), ("CAM-M", 45_900, 0), ("CAM-L", 48_000, 5)],
        "#1d4e89",
    ),
    ("Mazamorra con panela", "comida-preparada", "draft", [("MAZ-1", 6_500, 0)], None),
    (
        "Bocadillo veleño en hoja de bijao",
        "dulces-y-postres",
        "unpublished",
        [("BOC-1", 9_500, 12)],
        "#8c2f39",
    ),
]


DESCRIPTIONS = {
    "Arepas de maíz pelao x 10": "Maíz pelao cocinado en leña y molido cada mañana.",
    "Camiseta estampada «Medellín florece»": (
        "Algodón peinado, estampada a mano con tintas al agua. Tallas S, M y L."
    ),
    "Mazamorra con panela": "Mazamorra antioqueña con leche y panela, en vaso de 12 onzas.",
    "Bocadillo veleño en hoja de bijao": "Guayaba y panela, envuelto en hoja de bijao.",
}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.VAR_DIR = tmp_path


@pytest.fixture
def reference_data(municipalities):
    """The live server's flush takes the rows that migrations load (CIIU sections, programme,
    category tree); put them back with the migrations' own loaders."""
    import_module("vendors.migrations.0002_reference_data").load(django_apps, None)
    import_module("catalog.migrations.0002_category_tree").load(django_apps, None)


def _jpeg(colour: str, label: str, size=(1200, 900)) -> bytes:
    """A real JPEG, as a phone would take it."""
    image = Image.new("RGB", size, colour)
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle(
        (60, 60, size[0] - 60, size[1] - 60), radius=48, outline="white", width=10
    )
    try:
        font = ImageFont.load_default(size=size[1] // 8)
    except TypeError:  # Pillow without FreeType scaling
        font = ImageFont.load_default()
    draw.multiline_text(
        (size[0] / 2, size[1] / 2), label, fill="white", font=font, anchor="mm", align="center"
    )
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=88)
    return buffer.getvalue()


@pytest.fixture
def shop(reference_data):
    """Arepas Doña Luz (active, owned by OWNER) with a small portfolio in every status."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    owner = UserFactory(
        email=OWNER, first_name="Luz", last_name="Correa", roles=[Role.CITIZEN, Role.VENDOR_MEMBER]
    )
    vendor = _storefront(0, owner=owner)
    for name, category, status, variants, colour in PORTFOLIO:
        product = ProductFactory(
            vendor=vendor,
            name=name,
            category=Category.objects.get(slug=category),
            status=status,
            tax_class="excluido",
            description=DESCRIPTIONS[name],
        )
        for sku, price, stock in variants:
            VariantFactory(product=product, sku=sku, price=price, stock_quantity=stock)
        if colour:
            product_image_add(
                product=product,
                added_by=owner,
                upload=SimpleUploadedFile(
                    "foto.jpg", _jpeg(colour, name.split()[0]), content_type="image/jpeg"
                ),
                alt=name,
            )
    return vendor


def _logged_in(page, email, next_url):
    page.goto(f"/cuenta/ingresar/?next={next_url}")
    log_in(page, email)


def test_owner_creates_a_product_and_a_coordinator_publishes_it(page, screenshot, shop):
    UserFactory(
        email=COORDINATOR, first_name="Catalina", last_name="Restrepo", roles=[Role.COORDINATOR]
    )
    _logged_in(page, OWNER, "/vender/panel/")
    page.get_by_role("navigation", name="Secciones del panel").get_by_role(
        "link", name="Productos"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Productos y servicios")
    expect(page.locator(".product-row")).to_have_count(len(PORTFOLIO))
    load_every_image(page)
    screenshot("dashboard-products")

    page.get_by_role("link", name="Nuevo producto").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nuevo producto o servicio")
    page.get_by_label("Nombre del producto").fill("Arepa de chócolo con quesito")
    page.get_by_label("Categoría").select_option(label="Comida preparada")
    page.get_by_label("Descripción").fill(
        "Maíz tierno molido a mano, asada en budare.\nCon quesito fresco de Santa Elena."
    )
    page.get_by_label("IVA").select_option(label="Excluido")
    page.get_by_label("Referencia (SKU)").fill("ARE-QUESO")
    # A price with cents: refused next to the field, nothing stored.
    page.get_by_label("Precio", exact=True).fill("7.500,50")
    page.get_by_label("Existencias iniciales").fill("30")
    page.get_by_role("button", name="Crear producto").click()
    summary = page.locator(".error-summary")
    expect(summary.get_by_role("link", name="Precio")).to_have_attribute("href", "#id_price")
    expect(
        page.locator(".field--invalid").get_by_text("Los precios van en pesos enteros")
    ).to_be_visible()
    screenshot("dashboard-product-new-errors")
    assert not Product.objects.filter(name="Arepa de chócolo con quesito").exists()

    page.get_by_label("Precio", exact=True).fill("7.500")
    page.get_by_role("button", name="Crear producto").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Arepa de chócolo con quesito")
    expect(page.get_by_text("como borrador")).to_be_visible()
    product = Product.objects.get(name="Arepa de chócolo con quesito")
    variant = product.variants.get()
    assert (variant.sku, variant.price, variant.stock_quantity) == ("ARE-QUESO", 7_500, 30)

    # A photo, as a phone would upload it.
    photos = page.locator("#fotos")
    photos.get_by_label("Foto", exact=True).set_input_files(
        {"name": "arepa.jpg", "mimeType": "image/jpeg", "buffer": _jpeg("#b25d00", "Arepa")}
    )
    photos.get_by_label("Qué muestra la foto").fill("Arepa de chócolo con quesito en un plato")
    photos.get_by_role("button", name="Subir foto").click()
    expect(page.get_by_text("Agregamos la foto.")).to_be_visible()
    expect(page.locator(".photo")).to_have_count(1)

    # Three sold at the market: the ledger says so.
    card = page.locator(f"#variante-{variant.pk}")
    card.get_by_label("Cantidad").fill("-3")
    card.get_by_label("Motivo").fill("Vendidas en el mercado campesino")
    card.get_by_role("button", name="Registrar").click()
    expect(page.get_by_text("ahora hay 27")).to_be_visible()
    assert StockMovement.objects.filter(variant=variant, delta=-3, reason="manual").exists()

    # A second presentation.
    page.get_by_text("Agregar una variante").click()
    new = page.locator("#variantes form").last
    new.get_by_label("Referencia (SKU)").fill("ARE-QUESO-6")
    new.get_by_label("Nombre de la variante").fill("Paquete x 6")
    new.get_by_label("Precio", exact=True).fill("40000")
    new.get_by_label("Precio antes").fill("45000")
    new.get_by_label("Existencias iniciales").fill("10")
    new.get_by_role("button", name="Agregar variante").click()
    expect(page.get_by_text("Agregamos la variante «Paquete x 6».")).to_be_visible()
    page.goto(f"/vender/panel/productos/{product.pk}/")
    load_every_image(page)
    screenshot("dashboard-product-edit")

    page.get_by_role("button", name="Enviar a revisión").click()
    expect(page.get_by_text("Enviamos «Arepa de chócolo con quesito» a revisión")).to_be_visible()
    expect(page.locator(".status-card .product-status")).to_have_text("En revisión")
    product.refresh_from_db()
    assert product.status == "in_review"
    screenshot("dashboard-product-in-review")
    assert page.console_errors == []

    # The coordinator publishes it from the console.
    page.get_by_role("button", name="Salir").click()
    _logged_in(page, COORDINATOR, "/consola/")
    page.get_by_role("navigation", name="Consola del programa").get_by_role(
        "link", name="Publicaciones"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Publicaciones por revisar")
    listing = page.locator(".mod-row", has_text="Arepa de chócolo con quesito")
    expect(listing).to_contain_text("Arepas Doña Luz")
    expect(listing).to_contain_text("$\u00a07.500 – $\u00a040.000")
    load_every_image(page)
    screenshot("dashboard-staff-listings")
    listing.get_by_role("link", name="Arepa de chócolo con quesito").click()
    page.get_by_role("button", name="Aprobar y publicar").click()
    expect(page.get_by_text("Aprobaste «Arepa de chócolo con quesito»")).to_be_visible()
    product.refresh_from_db()
    assert product.status == "published"
    assert page.console_errors == []


def test_owner_imports_a_spreadsheet_and_reads_quote_requests(page, screenshot, shop, tmp_path):
    service = ProductFactory(
        vendor=shop,
        name="Desayunos sorpresa a domicilio",
        kind="service",
        pricing_mode="quote",
        category=Category.objects.get(slug="eventos-y-recreacion"),
    )
    VariantFactory(product=service, sku="DES-1", price=0, track_inventory=False)
    QuoteRequest.objects.create(
        product=service,
        name="Valentina Ríos",
        email="valentina.rios@example.com",
        phone="+573104567890",
        municipality=Municipality.objects.get(slug="envigado"),
        message="Hola, necesito 12 desayunos para el sábado 6 de diciembre en la mañana. "
        "¿Incluyen globos?",
    )
    QuoteRequest.objects.create(
        product=service,
        name="Andrés Gómez",
        email="andres@example.com",
        message="¿Cuánto cuesta un desayuno para dos personas?",
    )
    _logged_in(page, OWNER, "/vender/panel/productos/importar/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Importar productos desde un archivo")
    screenshot("dashboard-import")

    csv_path = tmp_path / "mis-productos.csv"
    csv_path.write_text(
        "sku,nombre,tipo,categoria,precio,precio_antes,existencias,controlar_inventario\n"
        "ARE-010,Arepas de maíz pelao x 10,producto,comida-preparada,9500,,40,si\n"
        "CAM-S,Camiseta estampada,producto,ropa,45900,,3,si\n"
        "CAF-500,Café de origen 500 g,producto,cafe-y-chocolate,32000,36000,15,si\n"
        "MAL-1,Sin precio,producto,comida-preparada,-5,,1,si\n",
        encoding="utf-8",
    )
    page.get_by_label("Archivo CSV").set_input_files(str(csv_path))
    page.get_by_role("button", name="Ver vista previa").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vista previa de la importación")
    expect(page.locator(".import-row--error")).to_have_count(1)
    screenshot("dashboard-import-preview")
    page.get_by_role("button", name="Confirmar importación").first.click()
    expect(page.get_by_role("heading", name="Resultado de la importación")).to_be_visible()
    assert Product.objects.filter(vendor=shop, variants__sku="CAF-500").exists()

    page.get_by_role("navigation", name="Secciones del panel").get_by_role(
        "link", name="Cotizaciones"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Solicitudes de cotización")
    expect(page.get_by_text("valentina.rios@example.com")).to_be_visible()
    expect(page.get_by_text("+57 310 4567890")).to_be_visible()
    page.get_by_role("button", name="Marcar como respondida (Andrés Gómez)").click()
    expect(
        page.get_by_text("Marcamos como respondida la solicitud de Andrés Gómez.")
    ).to_be_visible()
    screenshot("dashboard-quotes")
    assert page.console_errors == []
