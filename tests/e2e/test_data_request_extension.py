"""Staff extend the term of a deletion request, and an applicant meets the code step whatever
their NIT, in a real browser at 360 and 1280 px (var/screenshots/data-requests-extend-*.png,
data-requests-extended-*.png, onboarding-code-*.png)."""

import pytest
from playwright.sync_api import expect

from marketplace.accounts.privacy import deletion_request_create
from marketplace.accounts.roles import Role
from tests.factories import PASSWORD, UserFactory

from .test_account_erasure import _log_in

pytestmark = pytest.mark.e2e

REASON = "Falta que la tienda confirme la entrega de un pedido abierto."


def test_staff_extend_a_deletion_request_with_a_reason(page, screenshot):
    for n, name in enumerate(["Luz Marina Restrepo", "Jhon Fredy Ospina"]):
        first, last = name.split(" ", 1)
        person = UserFactory(email=f"persona{n}@example.com", first_name=first, last_name=last)
        deletion_request_create(user=person, password=PASSWORD)
    UserFactory(email="coordina@example.com", first_name="Carlos", roles=[Role.COORDINATOR])
    _log_in(page, "coordina@example.com")
    page.goto("/consola/datos-personales/")

    page.get_by_text("Prorrogar plazo…").first.click()
    expect(page.get_by_label("Motivo de la demora").first).to_be_visible()
    screenshot("data-requests-extend")

    page.get_by_label("Motivo de la demora").first.fill(REASON)
    page.get_by_role("button", name="Prorrogar y avisar").first.click()
    expect(page.get_by_text("Prorrogamos el plazo 8 días hábiles")).to_be_visible()
    expect(page.get_by_text(REASON)).to_be_visible()
    screenshot("data-requests-extended")


def test_an_applicant_meets_the_code_step_whatever_the_nit(page, screenshot):
    UserFactory(email="aspirante@example.com", first_name="Luz", roles=[Role.CITIZEN])
    _log_in(page, "aspirante@example.com")
    page.goto("/vender/")
    page.get_by_label("NIT del negocio").fill("900.373.923-8")
    page.get_by_role("button", name="Enviar el código").click()
    expect(page.get_by_text("Si el NIT corresponde a un negocio inscrito")).to_be_visible()
    screenshot("onboarding-code")
