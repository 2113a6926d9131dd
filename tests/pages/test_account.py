import pytest
from django.urls import reverse

from tests.factories import PrivacyConsentFactory, UserFactory

ACCOUNT = "/cuenta/"


@pytest.fixture
def luz(db):
    user = UserFactory(
        email="luz@example.com", first_name="Luz", last_name="Restrepo", phone="+573001234567"
    )
    PrivacyConsentFactory(user=user)
    return user


@pytest.mark.django_db
def test_account_requires_login(client):
    response = client.get(ACCOUNT)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next={ACCOUNT}"


def test_account_shows_profile_and_consent_record(client, luz, settings):
    client.force_login(luz)

    response = client.get(ACCOUNT)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Luz Restrepo" in html
    assert "luz@example.com" in html
    assert "+57 300 1234567" in html
    assert f"Aceptaste la versión {settings.PRIVACY_POLICY_VERSION} de la política" in html
    assert response.context["consent"].user == luz


def test_profile_update_saves_through_the_service(client, luz):
    client.force_login(luz)

    response = client.post(
        ACCOUNT,
        {"first_name": " Luz Marina ", "last_name": "Restrepo Gil", "phone": "604 444 5566"},
    )

    assert response.status_code == 302
    luz.refresh_from_db()
    assert luz.first_name == "Luz Marina"
    assert luz.last_name == "Restrepo Gil"
    assert luz.phone == "+576044445566"
    assert "Guardamos tus datos." in client.get(ACCOUNT).content.decode()


def test_profile_update_with_an_invalid_phone_shows_the_message_and_keeps_data(client, luz):
    client.force_login(luz)

    response = client.post(ACCOUNT, {"first_name": "Luz", "last_name": "", "phone": "999"})

    assert response.status_code == 200
    assert response.context["form"].has_error("phone", code="invalid_phone")
    html = response.content.decode()
    assert "Escribe un teléfono válido" in html
    assert 'aria-invalid="true"' in html
    luz.refresh_from_db()
    assert luz.phone == "+573001234567"
    assert luz.last_name == "Restrepo"


def test_profile_update_requires_a_first_name(client, luz):
    client.force_login(luz)

    response = client.post(ACCOUNT, {"first_name": "", "last_name": "X", "phone": ""})

    assert response.status_code == 200
    assert response.context["form"].has_error("first_name")
