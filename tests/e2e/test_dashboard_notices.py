"""A vendor hears of moderation decisions in a real browser: the nav counts the unread notices,
the "Avisos" page says what was decided and what to fix, its link opens the rejected product
with the reason at the top and the review history, and one button marks everything read.
Captured at 360 and 1280 px (var/screenshots/dashboard-notices-*.png and
dashboard-product-rejected-*.png)."""

from importlib import import_module

import pytest
from django.apps import apps as django_apps
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import expect

from catalog.models import Category
from catalog.services.images import product_image_add
from catalog.services.moderation import listing_approve, listing_reject
from catalog.services.products import product_submit_for_review
from marketplace.accounts.roles import Role
from tests.factories import ProductFactory, UserFactory, VariantFactory
from vendors.models import VendorNotification

from .test_dashboard_catalog import _jpeg
from .test_vendor_pages import _storefront, load_every_image, log_in

pytestmark = pytest.mark.e2e

OWNER = "dona.luz@example.com"
REJECTED = "Camiseta estampada «Medellín florece»"
APPROVED = "Arepas de maíz pelao x 10"
MESSAGE = (
    "La talla L cuesta $ 48.000 en la foto y $ 45.900 en la variante. Deja el mismo precio en "
    "las dos."
)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.VAR_DIR = tmp_path


@pytest.fixture
def decided(municipalities):
    """Arepas Doña Luz with one listing approved and, later, one rejected for its price."""
    import_module("vendors.migrations.0002_reference_data").load(django_apps, None)
    import_module("catalog.migrations.0002_category_tree").load(django_apps, None)
    owner = UserFactory(
        email=OWNER, first_name="Luz", last_name="Correa", roles=[Role.CITIZEN, Role.VENDOR_MEMBER]
    )
    moderator = UserFactory(first_name="Valentina", last_name="Ospina", roles=[Role.MODERATOR])
    vendor = _storefront(0, owner=owner)
    products = {}
    for name, category, colour, variants in (
        (APPROVED, "comida-preparada", "#0b6e4f", [("ARE-010", 9_000)]),
        (REJECTED, "ropa", "#1d4e89", [("CAM-S", 45_900), ("CAM-L", 45_900)]),
    ):
        product = ProductFactory(
            vendor=vendor,
            name=name,
            category=Category.objects.get(slug=category),
            status="draft",
            published_at=None,
            tax_class="excluido",
        )
        for sku, price in variants:
            VariantFactory(product=product, sku=sku, price=price, stock_quantity=5)
        product_image_add(
            product=product,
            added_by=owner,
            upload=SimpleUploadedFile(
                "foto.jpg", _jpeg(colour, name.split()[0]), content_type="image/jpeg"
            ),
            alt=name,
        )
        product_submit_for_review(product=product, submitted_by=owner)
        products[name] = product
    listing_approve(product=products[APPROVED], moderator=moderator)
    listing_reject(
        product=products[REJECTED], moderator=moderator, reason="price_error", message=MESSAGE
    )
    return products


def test_vendor_reads_a_rejection_fixes_from_the_notice_and_marks_all_read(
    page, screenshot, decided
):
    page.goto("/cuenta/ingresar/?next=/vender/panel/")
    log_in(page, OWNER)
    nav = page.get_by_role("navigation", name="Secciones del panel")
    expect(nav.get_by_role("link", name="Avisos 2 sin leer")).to_be_visible()

    nav.get_by_role("link", name="Avisos").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Avisos")
    notices = page.locator(".notice")
    expect(notices).to_have_count(2)
    first = notices.first
    expect(first.get_by_role("heading")).to_have_text(
        "Rechazamos «Camiseta estampada «Medellín florece»»: Error en el precio"
    )
    expect(first).to_contain_text(MESSAGE)
    expect(notices.nth(1).get_by_role("button", name="Ver producto")).to_be_visible()
    screenshot("dashboard-notices")

    first.get_by_role("button", name="Corregir y reenviar").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(REJECTED)
    # Acting on the notice marked it read: one left.
    expect(nav.get_by_role("link", name="Avisos 1 sin leer")).to_be_visible()
    callout = page.locator(".review-callout")
    expect(callout).to_contain_text("Error en el precio")
    expect(callout).to_contain_text(MESSAGE)
    history = page.locator("#historial")
    history.locator("summary").click()
    expect(history.locator(".review-event")).to_have_count(1)
    expect(history).to_contain_text("Rechazada")
    expect(page.get_by_text("Ospina")).to_have_count(0)
    load_every_image(page)
    screenshot("dashboard-product-rejected")

    nav.get_by_role("link", name="Avisos").click()
    page.get_by_role("button", name="Marcar todo como leído").click()
    expect(page.get_by_text("Marcamos todos los avisos como leídos.")).to_be_visible()
    expect(page.locator(".notice--unread")).to_have_count(0)
    expect(page.locator(".dash-nav__count")).to_have_count(0)
    assert not VendorNotification.objects.filter(read_at__isnull=True).exists()
    assert page.console_errors == []
