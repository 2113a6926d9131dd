import re

import pytest
from django.urls import reverse

from tests.factories import PASSWORD

NEW_PASSWORD = "cafe-de-la-montana-2026"


def _reset_path(body):
    match = re.search(r"https?://[^/\s]+(/cuenta/recuperar/\S+/)", body)
    assert match, body
    return match.group(1)


@pytest.mark.django_db
def test_password_reset_emails_a_link_that_sets_a_new_password(
    client, citizen, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:password_reset"), {"email": citizen.email})

    assert response["Location"] == reverse("accounts:password_reset_done")
    assert len(mailoutbox) == 1
    assert mailoutbox[0].subject == "Restablece tu contraseña de Tienda Virtual"

    form_page = client.get(_reset_path(mailoutbox[0].body), follow=True)
    assert "Crea tu nueva contraseña" in form_page.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert done["Location"] == reverse("accounts:password_reset_complete")
    citizen.refresh_from_db()
    assert citizen.check_password(NEW_PASSWORD)
    assert not citizen.check_password(PASSWORD)
    assert client.session["_auth_user_id"] == str(citizen.pk)


@pytest.mark.django_db
def test_password_reset_for_an_unknown_address_looks_the_same(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:password_reset"), {"email": "nadie@example.com"})

    assert response["Location"] == reverse("accounts:password_reset_done")
    assert mailoutbox == []


@pytest.mark.django_db
def test_password_reset_unlocks_a_locked_out_address(
    client, citizen, mailoutbox, django_capture_on_commit_callbacks
):
    for _ in range(5):
        client.post(reverse("accounts:login"), {"username": citizen.email, "password": "x"})
    assert (
        client.post(
            reverse("accounts:login"), {"username": citizen.email, "password": PASSWORD}
        ).status_code
        == 429
    )

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:password_reset"), {"email": citizen.email})
    form_page = client.get(_reset_path(mailoutbox[0].body), follow=True)
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    client.logout()

    response = client.post(
        reverse("accounts:login"), {"username": citizen.email, "password": NEW_PASSWORD}
    )

    assert response.status_code == 302


@pytest.mark.django_db
def test_a_used_or_made_up_reset_link_offers_a_new_one(client):
    response = client.get("/cuenta/recuperar/MTIz/set-password/")

    assert response.status_code == 200
    assert "Este enlace ya no sirve" in response.content.decode()
