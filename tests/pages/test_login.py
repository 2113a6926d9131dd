import pytest
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

LOGIN = "/cuenta/ingresar/"
GENERIC_ERROR = "Correo o contraseña incorrectos."


def _login(client, email, password):
    return client.post(LOGIN, {"username": email, "password": password})


@pytest.mark.django_db
def test_login_form_labels_the_username_as_email(client):
    html = client.get(LOGIN).content.decode()

    assert '<label for="id_username">Correo electrónico</label>' in html
    assert 'type="email"' in html


@pytest.mark.django_db
def test_login_with_correct_credentials_opens_the_account(client, citizen):
    response = _login(client, citizen.email, PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:account")
    assert client.get(reverse("accounts:account")).status_code == 200


@pytest.mark.django_db
def test_login_ignores_the_case_of_the_email(client, citizen):
    response = _login(client, citizen.email.upper(), PASSWORD)

    assert response.status_code == 302


@pytest.mark.django_db
def test_login_follows_a_safe_next_url(client, citizen):
    response = client.post(
        f"{LOGIN}?next=/politica-de-datos/",
        {"username": citizen.email, "password": PASSWORD, "next": "/politica-de-datos/"},
    )

    assert response["Location"] == "/politica-de-datos/"


@pytest.mark.django_db
def test_wrong_password_shows_the_generic_message(client, citizen):
    response = _login(client, citizen.email, "not-the-password")

    assert response.status_code == 200
    assert GENERIC_ERROR in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_unknown_email_and_inactive_account_get_the_same_message(client):
    UserFactory(email="inactiva@example.com", is_active=False)

    unknown = _login(client, "nadie@example.com", PASSWORD)
    inactive = _login(client, "inactiva@example.com", PASSWORD)

    for response in (unknown, inactive):
        assert response.status_code == 200
        errors = response.context["form"].non_field_errors()
        assert list(errors) == [GENERIC_ERROR]


@pytest.mark.django_db
def test_logout_only_via_post(client, citizen):
    client.force_login(citizen)

    assert client.get("/cuenta/salir/").status_code == 405
    assert "_auth_user_id" in client.session

    response = client.post("/cuenta/salir/")

    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert "_auth_user_id" not in client.session
    assert "Cerraste sesión" in client.get("/").content.decode()


@pytest.mark.django_db
def test_five_failed_logins_lock_the_address_with_a_429_page(client, citizen, settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    for _ in range(4):
        assert _login(client, citizen.email, "wrong-password").status_code == 200

    locked = _login(client, citizen.email, "wrong-password")

    assert locked.status_code == 429
    assert "Demasiados intentos fallidos" in locked.content.decode()
    assert int(locked["Retry-After"]) > 0
    # While locked, even the right password does not get in (this is what breaks when axes
    # reads the username under a different key than authenticate() receives it).
    again = _login(client, citizen.email, PASSWORD)
    assert again.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_lockout_page_looks_the_same_for_unknown_addresses(client):
    for _ in range(5):
        response = _login(client, "nadie@example.com", "wrong-password")

    assert response.status_code == 429
    assert "Demasiados intentos fallidos" in response.content.decode()


@pytest.mark.django_db
def test_login_messages_follow_the_chosen_language(english, citizen):
    response = english.post(LOGIN, {"username": citizen.email, "password": "wrong"})

    assert "Incorrect email or password." in response.content.decode()
