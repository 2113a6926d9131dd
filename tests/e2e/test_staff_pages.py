"""The staff console in a real browser, at phone and desktop widths: a coordinator browses the
roster, imports a spreadsheet (preview, then confirm), and decides vendor applications."""

import re
from importlib import import_module

import pytest
from django.apps import apps as django_apps
from django.utils.text import slugify
from playwright.sync_api import expect
from stdnum.co import nit as stdnum_nit

from marketplace.accounts.roles import Role
from marketplace.core.models import Municipality
from tests.factories import (
    PASSWORD,
    EnrollmentFactory,
    UserFactory,
    VendorFactory,
    VendorMembershipFactory,
)
from vendors.demo import demo_nit
from vendors.demo_data import BUSINESSES, PEOPLE
from vendors.identifiers import business_size
from vendors.models import CiiuSection, Enrollment, Vendor

pytestmark = pytest.mark.e2e

COORDINATOR = "coordinacion@example.com"
ROSTER_SIZE = 56  # more than one page of 50


@pytest.fixture
def reference_data(transactional_db, municipalities):
    """CIIU sections and the programme come from a migration too, and the live-server flush
    takes them away like the municipalities; load them with the migration's own loader."""
    import_module("vendors.migrations.0002_reference_data").load(django_apps, None)


def _nit(base: str) -> str:
    return base + stdnum_nit.calc_check_digit(base)


@pytest.fixture
def roster(reference_data):
    """A roster like the programme's: real-looking businesses in the ten municipalities, some
    with vendor accounts, two applications waiting and one suspended vendor."""
    municipalities = list(Municipality.objects.order_by("dane_code"))
    sections = {s.code: s for s in CiiuSection.objects.all()}
    enrollments = []
    for index, (name, section, ciiu_class, _description) in enumerate(BUSINESSES[:ROSTER_SIZE]):
        first, last = PEOPLE[index % len(PEOPLE)]
        income = 120_000_000 + index * 45_000_000
        enrollments.append(
            EnrollmentFactory(
                legal_name=f"{name} S.A.S." if index % 3 else f"{first} {last}",
                trade_name=name,
                nit=demo_nit(index),
                person_type="juridica" if index % 3 else "natural",
                municipality=municipalities[index % len(municipalities)],
                ciiu_section=sections[section],
                ciiu_class=ciiu_class,
                annual_income=income,
                size=business_size(annual_income_cop=income, ciiu_section=section, year=2026),
                contact_name=f"{first} {last}",
                contact_email=f"contacto{index + 1}@negocios.example.com",
                cohort=f"2026-{1 + index % 2}",
                diagnosis_score=35 + (index * 7) % 60,
                status="active" if index < 46 else "enrolled",
            )
        )
    for index, enrollment in enumerate(enrollments[:12]):
        status = {9: "suspended", 10: "pending_review", 11: "pending_review"}.get(index, "active")
        vendor = VendorFactory(
            enrollment=enrollment,
            status=status,
            display_name=enrollment.trade_name,
            slug=slugify(enrollment.trade_name),
            status_reason="Incumplió los tiempos de entrega." if status == "suspended" else "",
        )
        first, last = PEOPLE[index % len(PEOPLE)]
        owner = UserFactory(
            email=f"tienda{index + 1}@example.com",
            first_name=first,
            last_name=last,
            roles=[Role.CITIZEN, Role.VENDOR_MEMBER],
        )
        VendorMembershipFactory(vendor=vendor, user=owner, role="owner")
    return enrollments


@pytest.fixture
def coordinator_page(page, roster):
    UserFactory(
        email=COORDINATOR, first_name="Catalina", last_name="Restrepo", roles=[Role.COORDINATOR]
    )
    page.goto("/consola/")
    # Anonymous: the console sends people to log in and back.
    expect(page).to_have_url(re.compile(r"/cuenta/ingresar/\?next=/consola/$"))
    page.get_by_label("Correo electrónico").fill(COORDINATOR)
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Ingresar").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Consola del programa")
    return page


def _console_nav(page, name):
    nav = page.get_by_role("navigation", name="Consola del programa")
    nav.get_by_role("link", name=name, exact=True).click()


def test_coordinator_browses_the_roster_and_an_enrolment(coordinator_page, screenshot):
    page = coordinator_page
    expect(page.get_by_text("56 negocios inscritos en el programa.")).to_be_visible()
    expect(page.get_by_text("Hay 2 solicitudes esperando tu revisión.")).to_be_visible()
    screenshot("staff-home")

    _console_nav(page, "Registro")
    expect(page.get_by_role("heading", level=1)).to_have_text("Registro de negocios")
    expect(page.get_by_text("56 inscripciones", exact=True)).to_be_visible()
    expect(page.get_by_text("Página 1 de 2", exact=True)).to_be_visible()
    expect(page.get_by_role("row")).to_have_count(51)  # the header and 50 businesses
    screenshot("staff-roster")

    page.get_by_label("Municipio").select_option(label="Bello")
    page.get_by_label("Estado").select_option(label="Inscrita")
    page.get_by_role("button", name="Filtrar").click()
    expect(page.get_by_text("1 inscripción con estos filtros")).to_be_visible()
    expect(page.get_by_role("cell", name="Bello")).to_have_count(1)
    screenshot("staff-roster-filtered")

    with page.expect_download() as download:
        page.get_by_role("link", name="Descargar plantilla").click()
    assert download.value.suggested_filename == "plantilla-registro.csv"

    page.get_by_role("link", name="Quitar filtros").click()
    page.get_by_label("Buscar por nombre o NIT").fill("Café La Montañera")
    page.get_by_role("button", name="Filtrar").click()
    page.get_by_role("link", name="Café La Montañera S.A.S.").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Café La Montañera S.A.S.")
    expect(page.get_by_text(stdnum_nit.format(demo_nit(2))).first).to_be_visible()

    # Withdrawing asks first and says the vendor will be suspended.
    page.get_by_label("Nuevo estado").select_option(label="Retirada")
    page.get_by_role("button", name="Cambiar estado").click()
    expect(page.get_by_text("¿Retirar a «Café La Montañera S.A.S.» del programa?")).to_be_visible()
    expect(page.get_by_text("quedará suspendida")).to_be_visible()
    screenshot("staff-enrollment-confirm")
    page.get_by_role("button", name="Sí, retirar la inscripción").click()
    expect(page.get_by_text("El estado de la inscripción ahora es «Retirada».")).to_be_visible()
    expect(page.get_by_text("Vendedor suspendido")).to_be_visible()
    screenshot("staff-enrollment")
    assert Vendor.objects.get(enrollment__nit=demo_nit(2)).status == "suspended"
    assert page.console_errors == []


def test_coordinator_imports_a_spreadsheet_after_a_preview(coordinator_page, screenshot, tmp_path):
    page = coordinator_page
    new_nit = _nit("811022933")
    moved = Enrollment.objects.get(nit=demo_nit(3))
    csv = tmp_path / "registro-marzo.csv"
    csv.write_text(
        "nit,razon_social,nombre_comercial,tipo_persona,municipio,seccion_ciiu,"
        "contacto_nombre,contacto_correo,estado\n"
        f"{stdnum_nit.format(new_nit)},Frutas del Valle S.A.S.,Frutas del Valle,jurídica,"
        "Copacabana,G,Ana Ríos,ana@frutas.example.com,inscrita\n"
        f"{moved.nit},{moved.legal_name},{moved.trade_name},{moved.person_type},Sabaneta,"
        f"{moved.ciiu_section.code},{moved.contact_name},{moved.contact_email},activa\n"
        "900.373.923-7,NIT mal escrito S.A.S.,,juridica,Bello,G,Ana,ana@example.com,activa\n"
        f"{_nit('901234567')},Negocio de otra ciudad,,natural,Cali,G,Ana,ana@example.com,activa\n",
        encoding="utf-8",
    )

    _console_nav(page, "Importar")
    expect(page.get_by_role("heading", level=1)).to_have_text("Importar el registro")
    screenshot("staff-import")

    page.get_by_label("Archivo del registro").set_input_files(str(csv))
    page.get_by_role("button", name="Ver vista previa").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vista previa de la importación")
    expect(page.get_by_text("2 filas tienen errores y no se importarán.")).to_be_visible()
    expect(page.get_by_text("Municipio desconocido: «Cali»")).to_be_visible()
    # The updated row shows each changed field before and after; the columns the file lacks
    # keep the roster's values.
    changed = page.get_by_role("row").filter(has_text=moved.legal_name)
    expect(changed).to_contain_text("Actualizada")
    expect(changed).to_contain_text("Municipio:")
    expect(changed).to_contain_text("Sabaneta")
    expect(page.get_by_text("se borra")).to_have_count(0)
    assert not Enrollment.objects.filter(nit=new_nit).exists()
    screenshot("staff-import-preview")

    page.get_by_role("button", name="Confirmar importación").first.click()
    expect(page.get_by_text("Importamos el registro.")).to_be_visible()
    expect(page.get_by_role("heading", name="Resultado de la importación")).to_be_visible()
    screenshot("staff-import-result")
    assert Enrollment.objects.get(nit=new_nit).municipality.name == "Copacabana"
    moved.refresh_from_db()
    assert moved.municipality.name == "Sabaneta"
    assert Enrollment.objects.count() == ROSTER_SIZE + 1
    assert page.console_errors == []


def test_coordinator_decides_applications_and_suspends_a_vendor(coordinator_page, screenshot):
    page = coordinator_page
    _console_nav(page, "Solicitudes")
    expect(page.get_by_role("heading", level=1)).to_have_text("Solicitudes de vendedores")
    first, second = BUSINESSES[10][0], BUSINESSES[11][0]
    expect(page.get_by_role("main").get_by_role("heading", level=2)).to_have_text([first, second])
    screenshot("staff-applications")

    # A rejection needs a reason: the empty form comes back with the message, nothing changes.
    application = page.get_by_role("article", name=second)
    application.get_by_text("Rechazar…").click()
    application.get_by_role("button", name="Rechazar la solicitud").click()
    expect(page.get_by_text("Escribe el motivo.")).to_be_visible()
    # The page comes back scrolled to that application, not to the top of the queue.
    expect(application.get_by_label("Motivo")).to_be_in_viewport()
    screenshot("staff-applications-error")
    assert Vendor.objects.get(display_name=second).status == "pending_review"

    page.get_by_role("article", name=first).get_by_role("button", name="Aprobar").click()
    expect(page.get_by_text(f"Aprobaste a «{first}»")).to_be_visible()
    expect(page.get_by_role("main").get_by_role("heading", level=2)).to_have_text([second])
    assert Vendor.objects.get(display_name=first).status == "active"

    _console_nav(page, "Vendedores")
    expect(page.get_by_role("heading", level=1)).to_have_text("Vendedores")
    screenshot("staff-vendors")
    page.get_by_role("link", name=BUSINESSES[0][0], exact=True).click()
    page.get_by_label("Motivo").fill("Pidió una pausa mientras cambia de local.")
    page.get_by_role("button", name="Suspender vendedor").click()
    expect(page.get_by_text(f"Suspendiste a «{BUSINESSES[0][0]}»")).to_be_visible()
    expect(page.get_by_text("Pidió una pausa mientras cambia de local.").first).to_be_visible()
    screenshot("staff-vendor-detail")
    assert Vendor.objects.get(display_name=BUSINESSES[0][0]).status == "suspended"
    assert page.console_errors == []
