"""A photo whose form fails for another reason (no description) is kept server-side: the vendor
fixes the field and sends it without choosing the file again."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tests.factories import VendorMembershipFactory


@pytest.fixture(autouse=True)
def _var_in_tmp(settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"


def _staged_files(settings):
    folder = settings.VAR_DIR / "imports"
    return sorted(folder.glob("*.upload")) if folder.exists() else []


def _token(html: str) -> str:
    return re.search(r'name="foto-staged" value="([0-9a-f]{64})"', html).group(1)


def test_a_photo_sent_without_description_waits_for_the_description(
    owner_client, draft, png, settings
):
    url = reverse("vendors:image_create", args=[draft.pk])
    response = owner_client.post(url, {"foto-image": png("arepa-mesa.png"), "foto-alt": ""})

    html = response.content.decode()
    assert "Describe la imagen para quien no puede verla." in html
    assert "Guardamos la foto que elegiste, «arepa-mesa.png»" in html
    assert not draft.images.exists()
    assert len(_staged_files(settings)) == 1

    # Only the description is sent this time.
    response = owner_client.post(url, {"foto-staged": _token(html), "foto-alt": "Arepa en la mesa"})

    assert response.status_code == 302
    image = draft.images.get()
    assert image.alt == "Arepa en la mesa" and image.image["width"] == 640
    assert _staged_files(settings) == []
    page = owner_client.get(reverse("vendors:product_edit", args=[draft.pk])).content.decode()
    assert "foto-staged" not in page


def test_a_new_file_replaces_the_kept_one(owner_client, draft, png):
    url = reverse("vendors:image_create", args=[draft.pk])
    html = owner_client.post(url, {"foto-image": png(size=(640, 480)), "foto-alt": ""})
    token = _token(html.content.decode())
    owner_client.post(
        url, {"foto-staged": token, "foto-image": png(size=(300, 200)), "foto-alt": "Otra foto"}
    )
    assert draft.images.get().image["width"] == 300


def test_a_file_that_is_not_a_photo_is_not_kept(owner_client, draft, settings):
    fake = SimpleUploadedFile("foto.jpg", b"<html>no soy una foto</html>", "image/jpeg")
    url = reverse("vendors:image_create", args=[draft.pk])
    html = owner_client.post(url, {"foto-image": fake, "foto-alt": "x"}).content.decode()
    assert "Sube una imagen JPEG, PNG o WebP." in html
    assert "foto-staged" not in html
    assert _staged_files(settings) == []


def test_a_kept_photo_serves_only_its_session(owner_client, draft, png, vendor):
    url = reverse("vendors:image_create", args=[draft.pk])
    token = _token(owner_client.post(url, {"foto-image": png(), "foto-alt": ""}).content.decode())

    # A member of the same business in another session cannot use the token.
    colleague = VendorMembershipFactory(vendor=vendor, role="staff").user
    other = Client()
    other.force_login(colleague)
    response = other.post(url, {"foto-staged": token, "foto-alt": "Arepa"})
    assert response.context["image_form"].errors["image"] == ["Elige la foto que quieres subir."]
    assert not draft.images.exists()
