"""Every spelling of one address is the same address for login, lockout and registration, and
registration refuses addresses built from lookalike characters."""

import pytest
from django.core.exceptions import ValidationError

from marketplace.accounts.emails import email_normalize
from marketplace.accounts.models import User
from marketplace.accounts.services import RegistrationRequest, user_register
from tests.factories import UserFactory
from tests.graphql.test_auth import TOKEN_CREATE

ENDPOINT = "/graphql/"


def token_create(client, email, password):
    response = client.post(
        ENDPOINT,
        {"query": TOKEN_CREATE, "variables": {"email": email, "password": password}},
        content_type="application/json",
    )
    return response.json()["data"]["tokenCreate"]


def registration(email):
    return RegistrationRequest(
        email=email,
        password="arepas-con-queso-2026",
        first_name="Sara",
        last_name="Ríos",
        accepted_privacy=True,
    )


@pytest.fixture
def sara(db):
    return UserFactory(email="sara@example.com")


def test_normalisation_folds_compatibility_characters_and_case():
    assert email_normalize(" ſara@EXAMPLE.com ") == "sara@example.com"
    assert email_normalize("ｓａｒａ@example.com") == "sara@example.com"  # full-width
    assert email_normalize("STRASSE@example.com") == email_normalize("straße@example.com")
    assert email_normalize("tıenda24@example.com") != "tienda24@example.com"


def test_a_compatibility_spelling_signs_in_as_the_account(client, sara, password):
    result = token_create(client, "ſARA@example.com", password)
    assert result["errors"] == []
    assert result["user"] == {"email": "sara@example.com"}


def test_a_dotless_i_spelling_does_not_sign_in_as_the_account(client, db, password):
    # PostgreSQL's case-insensitive match used to read "tıenda24" as "TIENDA24".
    UserFactory(email="tienda24@example.com")
    result = token_create(client, "tıenda24@example.com", password)
    assert result["token"] is None
    assert result["errors"][0]["code"] == "invalid_credentials"


def test_failures_under_every_spelling_share_one_lockout(client, sara, password, settings):
    settings.AXES_FAILURE_LIMIT = 5
    for spelling in ("ſara@example.com", "SARA@example.com", "ｓａｒａ@example.com") * 2:
        assert token_create(client, spelling, "incorrecta-2026")["token"] is None
    result = token_create(client, "sara@example.com", password)
    assert result["token"] is None
    assert result["errors"][0]["code"] == "locked_out"


def test_the_login_form_shares_the_lockout_too(client, sara, password, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for spelling in ("ſara@example.com", "Sara@Example.com", "ｓａｒａ@example.com"):
        client.post("/cuenta/ingresar/", {"username": spelling, "password": "incorrecta-2026"})
    response = client.post(
        "/cuenta/ingresar/", {"username": "sara@example.com", "password": password}
    )
    assert "_auth_user_id" not in client.session
    assert response.status_code == 429


def test_a_long_s_registration_cannot_take_the_real_address(db, mailoutbox):
    user_register(data=registration("ſara@example.com"))
    assert list(User.objects.values_list("email", flat=True)) == ["sara@example.com"]
    user_register(data=registration("sara@example.com"))
    assert User.objects.count() == 1


def test_a_long_s_registration_of_an_existing_address_creates_nothing(sara, mailoutbox):
    user_register(data=registration("ſara@example.com"))
    assert list(User.objects.values_list("email", flat=True)) == ["sara@example.com"]


@pytest.mark.parametrize(
    "email",
    [
        "tıenda24@example.com",  # Latin dotless i
        "\u0430na@example.com",  # Cyrillic a
        "\u03bfscar@example.com",  # Greek omicron
        "ana@ex\u0430mple.com",  # Cyrillic a in the domain
    ],
)
def test_lookalike_addresses_are_refused_at_registration(db, email):
    with pytest.raises(ValidationError) as caught:
        user_register(data=registration(email))
    [error] = caught.value.error_dict["email"]
    assert error.code == "email_confusable"
    assert "letras latinas" in error.messages[0]
    assert not User.objects.exists()


def test_plain_addresses_still_register(db, mailoutbox):
    user_register(data=registration("Ana.Gomez+tienda@Example.com"))
    assert User.objects.get().email == "ana.gomez+tienda@example.com"
