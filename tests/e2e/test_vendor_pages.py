"""The vendor pages in a real browser: the public directory and a vendor's page, the onboarding
wizard, and the dashboard's profile editor and team page. Each page is captured at 360 and 1280
px (var/screenshots/vendor-*.png)."""

import io
import re
from importlib import import_module

import pytest
from django.apps import apps as django_apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.text import slugify
from PIL import Image, ImageDraw, ImageFont
from playwright.sync_api import expect

from marketplace.accounts.roles import Role
from marketplace.core.images import image_store_renditions
from marketplace.core.models import Municipality
from tests.factories import PASSWORD, EnrollmentFactory, UserFactory, VendorMembershipFactory
from vendors.models import CiiuSection, DeliveryZone, Vendor
from vendors.services.profile import BANNER_WIDTHS, LOGO_WIDTHS

pytestmark = pytest.mark.e2e

COLOURS = ["#0b6e4f", "#8c2f39", "#1d4e89", "#b25d00", "#5b3f8c", "#2f6f73"]
BUSINESSES = [
    ("Arepas Doña Luz", "medellin", "I", "Arepas de chócolo y de maíz pelao hechas a mano."),
    ("Café La Montañera", "bello", "I", "Café de origen de las montañas de Antioquia."),
    ("Cerámicas La Estrella", "la-estrella", "C", "Vajillas y materas en cerámica pintada."),
    ("Diseño Pixel Paisa", "envigado", "M", "Logos, identidad de marca y piezas para redes."),
    ("Bicis Girardota", "girardota", "G", "Bicicletas, repuestos y mantenimiento."),
    ("Dulces de la Abuela", "itagui", "C", "Obleas, cocadas y bocadillo artesanal."),
]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def reference_data(municipalities):
    """The live server's flush also takes the CIIU sections and the programme that migrations
    load; put them back with the migration's own loader."""
    import_module("vendors.migrations.0002_reference_data").load(django_apps, None)


def _image(
    name: str, size: tuple[int, int], colour: str, text: str, *, text_ratio: float = 1 / 3
) -> SimpleUploadedFile:
    image = Image.new("RGB", size, colour)
    draw = ImageDraw.Draw(image)
    try:
        font = ImageFont.load_default(size=int(size[1] * text_ratio))
    except TypeError:  # Pillow without FreeType scaling
        font = ImageFont.load_default()
    draw.text((size[0] / 2, size[1] / 2), text, fill="white", font=font, anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def _initials(name: str) -> str:
    return "".join(word[0] for word in name.split() if word[0].isupper())[:2]


def _storefront(index: int, owner=None) -> Vendor:
    name, municipality, section, description = BUSINESSES[index]
    enrollment = EnrollmentFactory(
        trade_name=name,
        legal_name=f"{name} S.A.S.",
        municipality=Municipality.objects.get(slug=municipality),
        ciiu_section=CiiuSection.objects.get(code=section),
    )
    membership = VendorMembershipFactory(
        vendor__enrollment=enrollment,
        vendor__display_name=name,
        vendor__slug=slugify(name),
        vendor__short_description=description,
        vendor__description=f"{description}\n\nSomos un negocio acompañado por el programa.",
        vendor__whatsapp="+573001234567",
        vendor__website="https://negocio.example.com",
        vendor__instagram="https://instagram.com/negocio",
        vendor__public_address="Calle 10 # 43-25",
        vendor__opening_hours="Lunes a sábado, 8:00 a. m. a 6:00 p. m.",
        vendor__offers_pickup=True,
        vendor__offers_delivery=True,
        vendor__notice_address="Calle 10 # 43-25, Medellín, Antioquia",
        vendor__notice_phone="+576044445566",
        vendor__notice_email="ventas@negocio.example.com",
        **({"user": owner} if owner else {}),
    )
    vendor = membership.vendor
    vendor.logo = image_store_renditions(
        _image("logo.png", (400, 400), COLOURS[index], _initials(name)),
        prefix=f"vendors/{vendor.pk}/logo",
        widths=LOGO_WIDTHS,
        crop_square=True,
    ).as_json()
    vendor.save(update_fields=["logo"])
    for slug, fee in (("medellin", 4000), ("itagui", 7000), ("envigado", 9000)):
        DeliveryZone.objects.create(
            vendor=vendor, municipality=Municipality.objects.get(slug=slug), fee=fee
        )
    return vendor


@pytest.fixture
def owner(db):
    return UserFactory(
        email="dona.luz@example.com",
        first_name="Luz",
        last_name="Correa",
        roles=[Role.CITIZEN, Role.VENDOR_MEMBER],
    )


@pytest.fixture
def storefronts(reference_data, owner):
    """Six active vendors; the first, with a banner, belongs to `owner`."""
    vendors = [_storefront(0, owner=owner)] + [
        _storefront(index) for index in range(1, len(BUSINESSES))
    ]
    vendors[0].banner = image_store_renditions(
        _image("banner.png", (1920, 640), "#0b5d4b", "Arepas hechas a mano", text_ratio=1 / 7),
        prefix=f"vendors/{vendors[0].pk}/banner",
        widths=BANNER_WIDTHS,
    ).as_json()
    vendors[0].save(update_fields=["banner"])
    return vendors


def load_every_image(page):
    """Lazy images below the fold would be blank in a full-page capture; load them all and
    fail on any that is broken."""
    page.evaluate(
        "document.querySelectorAll('img[loading=lazy]').forEach(i => { i.loading = 'eager'; })"
    )
    # Polled from here: wait_for_function evaluates a string in the page, which the CSP forbids.
    for _ in range(100):
        if page.evaluate("Array.from(document.images).every(i => i.complete)"):
            break
        page.wait_for_timeout(50)
    broken = page.evaluate(
        "Array.from(document.images).filter(i => !i.naturalWidth).map(i => i.currentSrc || i.src)"
    )
    assert broken == [], f"images that did not load: {broken}"


def log_in(page, email):
    page.get_by_label("Correo electrónico").fill(email)
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Ingresar").click()


def test_directory_filters_and_opens_a_vendor_page(page, screenshot, storefronts):
    page.goto("/")
    page.get_by_role("navigation", name="Navegación principal").get_by_role(
        "link", name="Negocios"
    ).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Negocios del programa")
    expect(page.locator(".vendor-card")).to_have_count(len(BUSINESSES))
    load_every_image(page)
    screenshot("vendor-directory")

    page.get_by_label("Municipio").select_option(label="Bello")
    page.get_by_role("button", name="Buscar").click()
    expect(page.locator(".vendor-card")).to_have_count(1)
    expect(page.locator(".vendor-card")).to_contain_text("Café La Montañera")
    expect(page.get_by_text("1 negocio", exact=True)).to_be_visible()

    page.get_by_role("link", name="Quitar filtros").click()
    page.get_by_label("Buscar", exact=True).fill("arepas")
    page.get_by_role("button", name="Buscar").click()
    page.get_by_role("link", name="Arepas Doña Luz").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Arepas Doña Luz")
    whatsapp = page.get_by_role("link", name=re.compile("Escríbenos por WhatsApp"))
    expect(whatsapp).to_have_attribute("href", "https://wa.me/573001234567")
    seller = page.locator(".seller-info")
    expect(seller).to_contain_text("Arepas Doña Luz S.A.S.")
    expect(seller).to_contain_text(re.compile(r"\d{3}\.\d{3}\.\d{3}-\d"))
    expect(page.locator(".fee-table")).to_contain_text("$\u00a04.000")
    expect(page.get_by_text("Pronto verás aquí los productos y servicios")).to_be_visible()
    load_every_image(page)
    screenshot("vendor-page")
    assert page.console_errors == []


def test_onboarding_from_nit_to_application_in_review(page, screenshot, reference_data, mailoutbox):
    enrollment = EnrollmentFactory(
        trade_name="Transportes Rápidos del Valle",
        contact_email="gerencia@transportes.example.com",
    )
    UserFactory(email="luz.restrepo@example.com", first_name="Luz", last_name="Restrepo")

    page.goto("/")
    page.get_by_role("link", name="Vender", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vender en Tienda Virtual")
    screenshot("vendor-onboarding-start")

    page.get_by_role("link", name="Ingresar para continuar").click()
    log_in(page, "luz.restrepo@example.com")
    expect(page).to_have_url(re.compile(r"/vender/$"))

    # The answer is the same whether or not the NIT is enrolled; only the business hears more.
    page.get_by_label("NIT del negocio").fill(enrollment.nit)
    page.get_by_role("button", name="Enviar el código").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Escribe el código")
    expect(page.get_by_text("Si el NIT corresponde a un negocio inscrito")).to_be_visible()
    expect(page.get_by_role("heading", name="¿Tu negocio aún no está inscrito?")).to_be_visible()
    expect(page.get_by_text("transportes.example.com")).to_have_count(0)
    screenshot("vendor-onboarding-code-sent")
    assert mailoutbox[-1].to == ["gerencia@transportes.example.com"]
    code = re.search(r"\b(\d{6})\b", mailoutbox[-1].body).group(1)

    page.get_by_label("Código de verificación").fill("000000" if code != "000000" else "111111")
    page.get_by_role("button", name="Confirmar").click()
    expect(page.get_by_text("El código no coincide. Te quedan 4 intentos.")).to_be_visible()
    screenshot("vendor-onboarding-code")

    page.get_by_label("Código de verificación").fill(code)
    page.get_by_role("button", name="Confirmar").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Recibimos tu solicitud")
    screenshot("vendor-onboarding-done")

    page.get_by_role("link", name="Ir a mi panel").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Transportes Rápidos del Valle")
    expect(page.locator(".status-badge")).to_have_text("En revisión")
    assert page.console_errors == []


def test_owner_edits_the_profile_and_manages_the_team(page, screenshot, storefronts):
    VendorMembershipFactory(
        vendor=storefronts[0],
        role="staff",
        user__email="equipo@example.com",
        user__first_name="Andrés",
        user__last_name="Gómez",
    )

    page.goto("/cuenta/ingresar/?next=/vender/panel/")
    log_in(page, "dona.luz@example.com")
    expect(page.get_by_role("heading", level=1)).to_have_text("Arepas Doña Luz")
    expect(page.locator(".status-badge")).to_have_text("Activo")
    screenshot("vendor-dashboard")

    page.get_by_role("link", name="Perfil", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Perfil de la tienda")
    load_every_image(page)
    screenshot("vendor-profile")

    # A wrong WhatsApp number keeps everything as it was and says why, next to the field.
    page.get_by_label("Nombre de tu negocio").fill("Arepas y Más Doña Luz")
    page.get_by_label("WhatsApp").fill("12345")
    page.get_by_role("button", name="Guardar cambios").click()
    summary = page.locator(".error-summary")
    expect(summary.get_by_role("link", name="WhatsApp")).to_have_attribute("href", "#id_whatsapp")
    expect(
        page.locator(".field--invalid").get_by_text("Escribe un teléfono válido")
    ).to_be_visible()
    expect(page.get_by_label("WhatsApp")).to_have_attribute("aria-invalid", "true")
    screenshot("vendor-profile-errors")
    storefronts[0].refresh_from_db()
    assert storefronts[0].display_name == "Arepas Doña Luz"

    page.get_by_label("WhatsApp").fill("310 555 1234")
    page.get_by_label("Sabaneta").fill("6.000")
    buffer = io.BytesIO()
    Image.new("RGB", (500, 500), "#b25d00").save(buffer, "PNG")
    page.get_by_label("Logo").set_input_files(
        {"name": "nuevo-logo.png", "mimeType": "image/png", "buffer": buffer.getvalue()}
    )
    page.get_by_role("button", name="Guardar cambios").click()
    expect(page.get_by_text("Guardamos los cambios de tu tienda.")).to_be_visible()
    storefronts[0].refresh_from_db()
    assert storefronts[0].display_name == "Arepas y Más Doña Luz"
    assert storefronts[0].whatsapp == "+573105551234"
    assert storefronts[0].delivery_zones.filter(municipality__slug="sabaneta", fee=6000).exists()
    load_every_image(page)

    page.get_by_role("link", name="Equipo", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Equipo")
    expect(page.get_by_text("equipo@example.com")).to_be_visible()
    page.get_by_label("Correo de la persona").fill("nueva.persona@example.com")
    page.get_by_role("button", name="Enviar invitación").click()
    expect(page.get_by_text("Enviamos la invitación a nueva.persona@example.com")).to_be_visible()
    screenshot("vendor-team")
    assert page.console_errors == []


def test_suspended_vendor_sees_the_reason(page, screenshot, reference_data):
    owner = UserFactory(email="salsas@example.com", roles=[Role.CITIZEN, Role.VENDOR_MEMBER])
    vendor = _storefront(5, owner=owner)
    Vendor.objects.filter(pk=vendor.pk).update(
        status="suspended", status_reason="Incumplió los tiempos de entrega reportados."
    )

    page.goto("/cuenta/ingresar/?next=/vender/panel/")
    log_in(page, "salsas@example.com")

    expect(page.locator(".status-badge")).to_have_text("Suspendido")
    expect(page.get_by_text("Incumplió los tiempos de entrega reportados.")).to_be_visible()
    screenshot("vendor-dashboard-suspended")
    page.goto(f"/negocios/{vendor.slug}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("No encontramos esta página")
