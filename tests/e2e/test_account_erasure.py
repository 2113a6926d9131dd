import pytest
from playwright.sync_api import expect

from marketplace.accounts.roles import Role
from tests.factories import PASSWORD, PrivacyConsentFactory, UserFactory

pytestmark = pytest.mark.e2e


def _log_in(page, email):
    page.goto("/cuenta/ingresar/")
    page.get_by_label("Correo electrónico").fill(email)
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Ingresar").click()


def test_a_person_sees_their_data_and_asks_staff_to_delete_it(page, screenshot):
    person = UserFactory(email="borrar@example.com", first_name="Luz Marina", phone="+573001234567")
    PrivacyConsentFactory(user=person)
    UserFactory(email="coordina@example.com", first_name="Carlos", roles=[Role.COORDINATOR])
    _log_in(page, "borrar@example.com")
    page.goto("/cuenta/")

    expect(page.get_by_role("link", name="Descargar una copia de tus datos (JSON)")).to_be_visible()
    page.get_by_role("link", name="Ver tus datos personales").click()
    expect(page.get_by_role("heading", name="Tus datos personales")).to_be_visible()
    expect(page.get_by_text("Versión 2026-01 de la política")).to_be_visible()
    screenshot("personal-data")

    page.get_by_role("link", name="Pedir que eliminemos tu cuenta").click()
    expect(page.get_by_role("heading", name="Eliminar tu cuenta")).to_be_visible()
    screenshot("account-delete")

    page.get_by_label("Tu contraseña").fill("incorrecta")
    page.get_by_role("button", name="Pedir que eliminen mi cuenta").click()
    expect(page.get_by_text("La contraseña no es correcta.")).to_be_visible()

    page.get_by_label("Tu contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Pedir que eliminen mi cuenta").click()
    expect(page.get_by_text("Recibimos tu solicitud el")).to_be_visible()
    screenshot("account-delete-requested")

    page.context.clear_cookies()
    _log_in(page, "coordina@example.com")
    page.goto("/consola/")
    page.get_by_role("link", name="Datos personales", exact=True).click()
    expect(page.get_by_role("heading", name="Solicitudes sobre datos personales")).to_be_visible()
    expect(page.get_by_text("borrar@example.com")).to_be_visible()
    screenshot("staff-data-requests")

    page.get_by_role("button", name="Eliminar datos").click()
    expect(page.get_by_text("Eliminamos los datos personales de la cuenta.")).to_be_visible()
    expect(page.get_by_text("No hay solicitudes pendientes.")).to_be_visible()
    screenshot("staff-data-requests-done")
    # The refused attempt answers 400, which the browser reports; nothing else may fail.
    assert [e for e in page.console_errors if "status of 400" not in e] == []
