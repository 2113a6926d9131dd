import pytest
from django.conf import settings
from django.urls import reverse

from marketplace.accounts.models import PrivacyConsent, User
from tests.factories import UserFactory

from .support import activation_path

REGISTER = "/cuenta/registro/"
STRONG_PASSWORD = "ventanas-de-guadua-2026"


def _form(**overrides):
    data = {
        "first_name": "Luz Marina",
        "last_name": "Restrepo",
        "email": "luz.restrepo@example.com",
        "phone": "300 123 4567",
        "password1": STRONG_PASSWORD,
        "password2": STRONG_PASSWORD,
        "accepted_privacy": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def register(client, django_capture_on_commit_callbacks):
    def post(**overrides):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(REGISTER, _form(**overrides), REMOTE_ADDR="190.248.1.10")

    return post


@pytest.mark.django_db
def test_consent_box_is_unticked_and_links_to_the_policy(client):
    html = client.get(REGISTER).content.decode()

    assert 'type="checkbox" name="accepted_privacy" id="id_accepted_privacy"' in html
    checkbox = html.split('name="accepted_privacy"')[1].split(">")[0]
    assert "checked" not in checkbox
    assert 'aria-describedby="consent-purposes"' in checkbox
    assert reverse("privacy_policy") in html
    assert "procesar tus compras" in html


@pytest.mark.django_db
def test_registration_creates_an_inactive_user_with_consent_and_emails_the_link(
    register, mailoutbox
):
    response = register()

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:register_done")
    user = User.objects.get(email="luz.restrepo@example.com")
    assert not user.is_active
    assert user.phone == "+573001234567"
    consent = PrivacyConsent.objects.get(user=user)
    assert consent.policy_version == settings.PRIVACY_POLICY_VERSION
    assert consent.accepted_at is not None
    assert consent.ip_address == "190.248.1.10"
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["luz.restrepo@example.com"]
    assert message.subject == "Activa tu cuenta en Tienda Virtual"
    assert "Hola, Luz Marina:" in message.body
    assert activation_path(message.body).startswith("/cuenta/activar/")


@pytest.mark.django_db
def test_register_done_page_says_we_sent_an_email(client):
    html = client.get(reverse("accounts:register_done")).content.decode()

    assert "Te enviamos un mensaje" in html


@pytest.mark.django_db
def test_registration_without_consent_shows_the_error_and_creates_nothing(register, mailoutbox):
    response = register(accepted_privacy=None)

    assert response.status_code == 200
    form = response.context["form"]
    assert form.has_error("accepted_privacy", code="privacy_consent_required")
    assert "Debes aceptar la política de tratamiento de datos" in response.content.decode()
    assert not User.objects.filter(email="luz.restrepo@example.com").exists()
    assert not PrivacyConsent.objects.exists()
    assert mailoutbox == []


@pytest.mark.django_db
def test_existing_email_gets_the_same_page_and_the_owner_is_told(register, mailoutbox):
    owner = UserFactory(email="luz.restrepo@example.com", first_name="Luz")
    users_before = User.objects.count()

    response = register(email="Luz.Restrepo@Example.com")

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:register_done")
    assert User.objects.count() == users_before
    assert not PrivacyConsent.objects.filter(user=owner).exists()
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [owner.email]
    assert mailoutbox[0].subject == "Ya tienes una cuenta en Tienda Virtual"
    assert "/cuenta/ingresar/" in mailoutbox[0].body


@pytest.mark.django_db
def test_invalid_phone_shows_the_phone_message(register):
    response = register(phone="12345")

    assert response.status_code == 200
    assert response.context["form"].has_error("phone", code="invalid_phone")
    assert "Escribe un teléfono válido, por ejemplo 300 123 4567" in response.content.decode()
    assert not User.objects.exists()


@pytest.mark.django_db
def test_mismatched_passwords_are_caught_before_the_service(register):
    response = register(password2="otra-clave-distinta-99")

    assert response.context["form"].has_error("password2", code="password_mismatch")
    assert "Las contraseñas no coinciden." in response.content.decode()
    assert not User.objects.exists()


@pytest.mark.django_db
def test_weak_password_error_shows_on_the_password_field(register):
    response = register(password1="12345", password2="12345")

    form = response.context["form"]
    assert form.has_error("password1")
    assert not User.objects.exists()


@pytest.mark.django_db
def test_activation_link_activates_logs_in_and_works_once(client, register, mailoutbox):
    register()
    path = activation_path(mailoutbox[0].body)

    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:account")
    user = User.objects.get(email="luz.restrepo@example.com")
    assert user.is_active
    assert client.session["_auth_user_id"] == str(user.pk)
    assert "Tu cuenta está activa" in client.get(response["Location"]).content.decode()

    client.logout()
    second = client.get(path)

    assert second.status_code == 400
    assert "El enlace de activación no es válido o ya se usó." in second.content.decode()


@pytest.mark.django_db
def test_a_made_up_activation_link_is_a_friendly_400(client):
    response = client.get("/cuenta/activar/MTIz/abc-def/")

    assert response.status_code == 400
    assert "Este enlace ya no sirve" in response.content.decode()


@pytest.mark.django_db
def test_signed_in_people_are_sent_from_registration_to_their_account(client, citizen):
    client.force_login(citizen)

    response = client.get(REGISTER)

    assert response["Location"] == reverse("accounts:account")


@pytest.mark.django_db
def test_activation_email_is_written_in_the_visitors_language(
    english, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        english.post(REGISTER, _form())

    assert mailoutbox[0].subject == "Activate your Tienda Virtual account"
    assert "Hello Luz Marina," in mailoutbox[0].body
