import re

import pytest
from playwright.sync_api import expect

from tests.pages.support import activation_path

pytestmark = pytest.mark.e2e

PASSWORD = "ventanas-de-guadua-2026"


def test_register_activate_log_in_and_see_the_account(page, screenshot, mailoutbox):
    page.goto("/")
    page.get_by_role("link", name="Crear cuenta").first.click()
    expect(page.get_by_role("heading", name="Crear cuenta")).to_be_visible()

    page.get_by_label("Nombre", exact=True).fill("Luz Marina")
    page.get_by_label("Apellidos").fill("Restrepo")
    page.get_by_label("Correo electrónico").fill("luz.restrepo@example.com")
    page.get_by_label("Celular o teléfono (opcional)").fill("300 123 4567")
    page.get_by_label("Contraseña", exact=True).fill(PASSWORD)
    page.get_by_label("Confirma la contraseña").fill(PASSWORD)
    screenshot("register")

    # Submitting without the consent box keeps the person on the form with the reason.
    page.get_by_role("button", name="Crear mi cuenta").click()
    expect(page.get_by_text("Debes aceptar la política de tratamiento de datos")).to_be_visible()
    screenshot("register-errors")

    page.get_by_label("Contraseña", exact=True).fill(PASSWORD)
    page.get_by_label("Confirma la contraseña").fill(PASSWORD)
    page.get_by_label("Acepto la política de tratamiento de datos personales").check()
    page.get_by_role("button", name="Crear mi cuenta").click()
    expect(page.get_by_role("heading", name="Revisa tu correo")).to_be_visible()
    screenshot("register-done")

    assert len(mailoutbox) == 1
    page.goto(activation_path(mailoutbox[0].body))
    expect(page).to_have_url(re.compile(r"/cuenta/$"))
    expect(page.get_by_text("Tu cuenta está activa")).to_be_visible()

    page.get_by_role("button", name="Salir").click()
    expect(page.get_by_text("Cerraste sesión")).to_be_visible()

    page.get_by_role("link", name="Ingresar").first.click()
    page.get_by_label("Correo electrónico").fill("luz.restrepo@example.com")
    page.get_by_label("Contraseña").fill("not-the-password")
    page.get_by_role("button", name="Ingresar").click()
    expect(page.get_by_text("Correo o contraseña incorrectos.")).to_be_visible()
    screenshot("login-error")

    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Ingresar").click()
    # Signing in returns to the page the person was on: the home page they signed out to.
    expect(page.get_by_role("heading", name="Compra local en el Valle de Aburrá")).to_be_visible()
    page.goto(page.url.rstrip("/") + "/cuenta/")
    expect(page.get_by_role("heading", name="Mi cuenta")).to_be_visible()
    expect(page.get_by_text("luz.restrepo@example.com")).to_be_visible()
    expect(page.get_by_text("+57 300 1234567")).to_be_visible()
    expect(page.get_by_text("Aceptaste la versión")).to_be_visible()
    screenshot("account")

    assert page.console_errors == []
