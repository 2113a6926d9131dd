"""A live listing revised in a real browser, at phone and desktop widths: the vendor edits the
name and description and adds a photo; the store keeps the published version while the
dashboard says what is pending; the moderator reads the changes side by side and approves, and
the store shows the new version. Screenshots: var/screenshots/dashboard-revision-*.png and
staff-revision-review-*.png."""

from importlib import import_module

import pytest
from django.apps import apps as django_apps
from playwright.sync_api import expect

from catalog.demo import demo_image
from catalog.models import Category, Product
from catalog.services.images import product_image_add
from marketplace.accounts.roles import Role
from tests.factories import ProductFactory, UserFactory, VariantFactory

from .test_dashboard_catalog import _jpeg
from .test_vendor_pages import _storefront, load_every_image, log_in

pytestmark = pytest.mark.e2e

OWNER = "dona.luz@example.com"
MODERATOR = "moderacion@example.com"
NAME = "Mermelada de mora artesanal 250 g"
NEW_NAME = "Mermelada de mora artesanal 250 g, endulzada con panela"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.VAR_DIR = tmp_path


@pytest.fixture
def live(municipalities):
    for module in (
        "vendors.migrations.0002_reference_data",
        "catalog.migrations.0002_category_tree",
    ):
        import_module(module).load(django_apps, None)
    owner = UserFactory(
        email=OWNER, first_name="Luz", last_name="Correa", roles=[Role.CITIZEN, Role.VENDOR_MEMBER]
    )
    UserFactory(email=MODERATOR, first_name="Lucía", last_name="Gómez", roles=[Role.MODERATOR])
    vendor = _storefront(0, owner=owner)
    product = ProductFactory(
        vendor=vendor,
        name=NAME,
        description="Mermelada de mora de Santa Elena, sin conservantes.",
        category=Category.objects.get(slug="salsas-y-conservas"),
        status="draft",
    )
    VariantFactory(product=product, sku="MER-250", price=14_000, stock_quantity=20)
    product_image_add(
        product=product, added_by=owner, upload=demo_image(NAME, 3), alt="Frasco de mermelada"
    )
    Product.objects.filter(pk=product.pk).update(status="published")
    return product


def _sign_in(page, email, next_path):
    page.context.clear_cookies()
    page.goto(f"/cuenta/ingresar/?next={next_path}")
    log_in(page, email)


def test_vendor_revises_a_live_listing_and_a_moderator_approves_it(page, screenshot, live):
    edit = f"/vender/panel/productos/{live.pk}/"
    _sign_in(page, OWNER, edit)
    expect(page.get_by_text("pasan por revisión antes de verse en la tienda")).to_be_visible()
    page.get_by_label("Nombre del producto").fill(NEW_NAME)
    page.get_by_label("Descripción").fill(
        "Mermelada de mora de Santa Elena, sin conservantes, endulzada con panela de la región."
    )
    page.get_by_role("button", name="Guardar cambios").click()
    expect(page.get_by_text("Guardamos tus cambios y los enviamos a revisión")).to_be_visible()
    page.get_by_label("Foto", exact=True).set_input_files(
        files=[{"name": "nueva.jpg", "mimeType": "image/jpeg", "buffer": _jpeg("#7a1f3d", "Nueva")}]
    )
    page.get_by_label("Qué muestra la foto").fill("Frasco con la etiqueta nueva")
    page.get_by_role("button", name="Subir foto").click()
    notice = page.locator(".revision-notice")
    expect(notice).to_contain_text("Tus cambios están en revisión")
    expect(notice).to_contain_text(NEW_NAME)
    expect(notice).to_contain_text("Fotos")
    expect(page.locator(".photo__staged")).to_have_count(1)
    load_every_image(page)
    screenshot("dashboard-revision")

    # The store still shows the approved version.
    page.goto(f"/producto/{live.slug}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(NAME)

    _sign_in(page, MODERATOR, "/consola/publicaciones/")
    row = page.locator(".mod-row").filter(has_text=NAME)
    expect(row).to_contain_text("Cambio en publicación")
    row.get_by_role("link", name=NAME).click()
    diff = page.locator(".rev-diff")
    expect(diff).to_contain_text("Qué cambia")
    expect(diff.locator("ins").first).to_contain_text("endulzada con panela")
    expect(diff.locator(".rev-diff__tag--added")).to_have_count(1)
    expect(page.get_by_text("así se verá en la tienda si apruebas los cambios")).to_be_visible()
    load_every_image(page)
    screenshot("staff-revision-review")
    page.get_by_role("button", name="Aprobar cambios").click()

    page.goto(f"/producto/{live.slug}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(NEW_NAME)
    expect(page.locator(".product-gallery img, .gallery img")).not_to_have_count(0)
    assert page.console_errors == []
