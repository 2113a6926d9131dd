import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.e2e


def test_a_person_erases_their_account_from_the_account_page(page, screenshot):
    UserFactory(email="borrar@example.com", first_name="Luz Marina")
    page.goto("/cuenta/ingresar/")
    page.get_by_label("Correo electrónico").fill("borrar@example.com")
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Ingresar").click()
    page.goto("/cuenta/")

    expect(page.get_by_role("link", name="Descargar una copia de tus datos (JSON)")).to_be_visible()
    page.get_by_role("link", name="Eliminar tu cuenta").click()
    expect(page.get_by_role("heading", name="Eliminar tu cuenta")).to_be_visible()
    screenshot("account-delete")

    page.get_by_label("Tu contraseña").fill("incorrecta")
    page.get_by_role("button", name="Eliminar mi cuenta").click()
    expect(page.get_by_text("La contraseña no es correcta.")).to_be_visible()
    screenshot("account-delete-error")

    page.get_by_label("Tu contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Eliminar mi cuenta").click()
    expect(page.get_by_text("Eliminamos tu cuenta y tus datos personales.")).to_be_visible()
    # The refused attempt answers 400, which the browser reports; nothing else may fail.
    assert [e for e in page.console_errors if "status of 400" not in e] == []
