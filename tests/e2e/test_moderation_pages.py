"""The moderation queue and review pages in a real browser, at phone and desktop widths: a
moderator filters the queue, reviews a listing, is told what is missing from a rejection, and
approves two listings with the keyboard alone (the shortcut, then plain Tab and Enter)."""

import datetime
import re
from importlib import import_module

import pytest
from django.apps import apps as django_apps
from django.utils import timezone
from playwright.sync_api import expect

from catalog.demo import demo_image
from catalog.models import Category, ModerationCase, Product
from catalog.services.images import product_image_add
from catalog.services.products import product_submit_for_review
from marketplace.accounts.roles import Role
from marketplace.core.models import Municipality
from tests.factories import (
    PASSWORD,
    EnrollmentFactory,
    ProductFactory,
    UserFactory,
    VariantFactory,
    VendorFactory,
    VendorMembershipFactory,
)

pytestmark = pytest.mark.e2e

MODERATOR = "moderacion@example.com"
LISTINGS = [
    # name, business, municipality, category, hours waiting, price, description, photo
    (
        "Réplica de camiseta de fútbol",
        "Confecciones Bello",
        "05088",
        "ropa",
        70,
        45_000,
        "Camiseta réplica de equipo, tallas S a XL.",
        True,
    ),
    (
        "Arepa de chócolo rellena de queso y bocadillo",
        "Arepas Doña Rosa",
        "05001",
        "comida-preparada",
        26,
        8_900,
        "Corta.",
        False,
    ),
    (
        "Bolso tejido en fique con asas de cuero",
        "Fique y Color",
        "05308",
        "bolsos-y-marroquineria",
        5,
        135_000,
        "Bolso hecho a mano por artesanas de Girardota, con forro interior y cierre de cremallera.",
        True,
    ),
]


@pytest.fixture
def queue(page):
    """Reference data the live-server flush removed, then three listings sent for review."""
    for module in (
        "vendors.migrations.0002_reference_data",
        "catalog.migrations.0002_category_tree",
    ):
        import_module(module).load(django_apps, None)
    cases = []
    for name, business, dane, category, hours, price, description, photo in LISTINGS:
        vendor = VendorFactory(
            display_name=business,
            vat_responsible=True,
            enrollment=EnrollmentFactory(
                legal_name=f"{business} S.A.S.",
                municipality=Municipality.objects.get(dane_code=dane),
            ),
        )
        owner = VendorMembershipFactory(vendor=vendor).user
        product = ProductFactory(
            vendor=vendor,
            name=name,
            description=description,
            category=Category.objects.get(slug=category),
            status="draft",
            published_at=None,
            # Goods need a photo to go to review: the listing without one is a catering service.
            kind="goods" if photo else "service",
        )
        VariantFactory(product=product, price=price)
        if photo:
            product_image_add(
                product=product, added_by=owner, upload=demo_image(name, product.pk), alt=name
            )
        product_submit_for_review(product=product, submitted_by=owner)
        case = ModerationCase.objects.get(product=product)
        ModerationCase.objects.filter(pk=case.pk).update(
            submitted_at=timezone.now() - datetime.timedelta(hours=hours)
        )
        cases.append(case)
    return cases


@pytest.fixture
def moderator_page(page, queue):
    UserFactory(email=MODERATOR, first_name="Lucía", last_name="Gómez", roles=[Role.MODERATOR])
    page.goto("/consola/publicaciones/")
    expect(page).to_have_url(re.compile(r"/cuenta/ingresar/\?next=/consola/publicaciones/$"))
    page.get_by_label("Correo electrónico").fill(MODERATOR)
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Ingresar").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Publicaciones por revisar")
    return page


def _status(name):
    return Product.objects.get(name=name).status


def test_moderator_filters_reviews_and_approves_with_the_keyboard(moderator_page, screenshot):
    page = moderator_page
    first, second, third = (listing[0] for listing in LISTINGS)
    expect(page.get_by_text("3 publicaciones esperan revisión")).to_be_visible()
    rows = page.locator(".mod-row")
    expect(rows).to_have_count(3)
    expect(rows.first).to_contain_text(first)
    expect(rows.first).to_contain_text("Fuera de plazo")
    expect(rows.nth(1)).to_contain_text("Sin fotos")
    expect(rows.nth(1)).to_contain_text("Descripción corta")
    expect(rows.nth(2)).not_to_contain_text("Fuera de plazo")
    screenshot("staff-moderation-queue")

    page.get_by_label("Alerta", exact=True).select_option(label="Sin fotos")
    page.get_by_role("button", name="Filtrar").click()
    expect(page.get_by_text("1 publicación con estos filtros")).to_be_visible()
    expect(rows).to_have_count(1)
    page.get_by_role("link", name="Quitar filtros").click()
    expect(rows).to_have_count(3)

    # Reject without a reason: the fields say what is missing and nothing changes.
    page.get_by_role("link", name=first).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(first)
    expect(page.get_by_text("Vista previa — aún no está publicada")).to_be_visible()
    expect(page.get_by_text("Palabras restringidas")).to_be_visible()
    page.wait_for_function("Array.from(document.images).every(image => image.complete)")
    screenshot("staff-moderation-review")
    page.get_by_role("button", name="Rechazar y avisar al negocio").click()
    expect(page.get_by_text("Elige el motivo.")).to_be_visible()
    expect(page.get_by_text("Explica al negocio qué debe corregir.")).to_be_visible()
    screenshot("staff-moderation-reject-error")
    assert _status(first) == "in_review"

    # Keyboard only, with the shortcuts: j focuses the oldest, Enter opens it, a approves it.
    page.goto("/consola/publicaciones/")
    page.keyboard.press("j")
    expect(page.get_by_role("link", name=first)).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(first)
    page.keyboard.press("a")
    expect(page.get_by_text(f"Aprobaste «{first}». Ya se ve en la tienda.")).to_be_visible()
    # "Siguiente": the next case in the queue opened by itself.
    expect(page.get_by_role("heading", level=1)).to_have_text(second)
    assert _status(first) == "published"

    # Keyboard only, without shortcuts: Tab reaches "Aprobar y publicar" before the preview.
    approve = page.get_by_role("button", name="Aprobar y publicar")
    for _ in range(40):
        page.keyboard.press("Tab")
        if approve.evaluate("button => button === document.activeElement"):
            break
    expect(approve).to_be_focused()
    screenshot("staff-moderation-review-focus")
    page.keyboard.press("Enter")
    expect(page.get_by_text(f"Aprobaste «{second}»")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(third)
    assert _status(second) == "published"
    assert _status(third) == "in_review"
    assert page.console_errors == []


def test_one_box_marks_every_listing_on_the_page_for_bulk_approval(moderator_page):
    page = moderator_page
    boxes = page.locator('input[name="producto"]')
    expect(boxes).to_have_count(3)
    page.get_by_label("Marcar todas las de esta página").check()
    for index in range(3):
        expect(boxes.nth(index)).to_be_checked()
    page.get_by_role("button", name="Aprobar seleccionadas").click()
    expect(page.get_by_text("Aprobaste 3 publicaciones.")).to_be_visible()
    assert {_status(listing[0]) for listing in LISTINGS} == {"published"}
