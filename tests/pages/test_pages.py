import re

import pytest
from django.urls import reverse

PUBLIC_PAGES = [
    ("home", "Compra local en el Valle de Aburrá"),
    ("privacy_policy", "Política de tratamiento de datos personales"),
    ("accounts:login", "Correo electrónico"),
    ("accounts:register", "Acepto la política de tratamiento de datos personales"),
    ("accounts:register_done", "Revisa tu correo"),
    ("accounts:password_reset", "Restablecer contraseña"),
    ("accounts:password_reset_done", "Revisa tu correo"),
]

ENGLISH_PAGES = [
    ("home", "Buy local in the Aburrá Valley"),
    ("privacy_policy", "Personal data processing policy"),
    ("accounts:login", "Email address"),
    ("accounts:register", "I accept the personal data processing policy"),
    ("accounts:register_done", "Check your email"),
    ("accounts:password_reset", "Reset your password"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "text"), PUBLIC_PAGES)
def test_public_pages_render_in_spanish(client, name, text):
    response = client.get(reverse(name))

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="es-co">' in html
    assert text in html


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "text"), ENGLISH_PAGES)
def test_pages_render_in_english_after_choosing_it(english, name, text):
    response = english.get(reverse(name))

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert text in html


@pytest.mark.django_db
def test_language_form_switches_back_to_spanish(english):
    english.post("/i18n/setlang/", {"language": "es-co", "next": "/"})

    assert '<html lang="es-co">' in english.get("/").content.decode()


@pytest.mark.django_db
def test_layout_has_landmarks_skip_link_and_footer_links(client):
    html = client.get("/").content.decode()

    assert 'href="#contenido"' in html
    assert 'id="contenido"' in html
    for landmark in ("<header", "<nav", "<main", "<footer"):
        assert landmark in html
    assert 'action="/i18n/setlang/"' in html
    assert reverse("privacy_policy") in html
    # CSP is default-src 'self': nothing inline, nothing from other origins.
    # Scripts only as same-origin files (CSP script-src 'self'), never inline.
    assert re.findall(r'<script(?![^>]*\bsrc="/static/)', html) == []
    assert "style=" not in html
    assert "https://" not in html


@pytest.mark.django_db
def test_anonymous_nav_offers_login_and_registration(client):
    html = client.get("/").content.decode()

    assert reverse("accounts:login") in html
    assert reverse("accounts:register") in html
    assert reverse("accounts:logout") not in html


@pytest.mark.django_db
def test_signed_in_nav_offers_account_and_a_logout_form(client, citizen):
    client.force_login(citizen)

    html = client.get("/").content.decode()

    assert "Mi cuenta" in html
    assert f'method="post" action="{reverse("accounts:logout")}"' in html


@pytest.mark.django_db
def test_home_lists_the_ten_municipalities_of_the_valley(client):
    response = client.get("/")

    names = [m.name for m in response.context["municipalities"]]
    assert len(names) == 10
    for name in ("Medellín", "Barbosa", "Bello", "Envigado", "Itagüí", "Sabaneta"):
        assert name in response.content.decode()


@pytest.mark.django_db
def test_privacy_policy_states_version_rights_and_response_times(client, settings):
    html = client.get(reverse("privacy_policy")).content.decode()

    assert settings.PRIVACY_POLICY_VERSION in html
    assert "Ley 1581 de 2012" in html
    assert "diez (10) días hábiles" in html
    assert "quince (15) días hábiles" in html
    assert "Superintendencia de Industria y Comercio" in html


@pytest.mark.django_db
def test_privacy_policy_shows_contact_email_when_configured(client, settings):
    settings.PRIVACY_CONTACT_EMAIL = "datos@example.com"

    html = client.get(reverse("privacy_policy")).content.decode()

    assert 'href="mailto:datos@example.com"' in html


@pytest.mark.django_db
def test_unknown_page_is_a_spanish_404(client, settings):
    settings.DEBUG = False

    response = client.get("/no-existe/")

    assert response.status_code == 404
    assert "No encontramos esta página" in response.content.decode()
