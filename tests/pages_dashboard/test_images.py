"""Product photos from the edit page: real files through the image pipeline."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from catalog.models import Product


def _stored_files(settings):
    root = settings.MEDIA_ROOT
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def _upload(client, product, file, alt="Arepa en un plato"):
    return client.post(
        reverse("vendors:image_create", args=[product.pk]), {"foto-image": file, "foto-alt": alt}
    )


def test_upload_reorder_and_delete_photos(owner_client, draft, png, settings):
    first = _upload(owner_client, draft, png("uno.png", colour=(200, 30, 30)), "Arepa roja")
    _upload(owner_client, draft, png("dos.png", colour=(30, 30, 200)), "Arepa azul")

    assert first["Location"] == reverse("vendors:product_edit", args=[draft.pk]) + "#fotos"
    images = list(draft.images.order_by("position"))
    assert [i.alt for i in images] == ["Arepa roja", "Arepa azul"]
    assert set(images[0].image["renditions"]) == {"320", "800", "1600"}
    assert _stored_files(settings)

    page = owner_client.get(reverse("vendors:product_edit", args=[draft.pk])).content.decode()
    assert 'alt="Arepa roja"' in page
    assert "Portada" in page

    owner_client.post(
        reverse("vendors:image_move", args=[draft.pk, images[1].pk]), {"mover": "subir"}
    )
    assert [i.alt for i in draft.images.order_by("position")] == ["Arepa azul", "Arepa roja"]
    owner_client.post(
        reverse("vendors:image_move", args=[draft.pk, images[1].pk]), {"mover": "bajar"}
    )
    assert [i.alt for i in draft.images.order_by("position")] == ["Arepa roja", "Arepa azul"]
    # Moving the last photo further down is a stale page: nothing changes.
    owner_client.post(
        reverse("vendors:image_move", args=[draft.pk, images[1].pk]), {"mover": "bajar"}
    )
    assert [i.alt for i in draft.images.order_by("position")] == ["Arepa roja", "Arepa azul"]

    owner_client.post(reverse("vendors:image_delete", args=[draft.pk, images[0].pk]))
    assert [i.alt for i in draft.images.all()] == ["Arepa azul"]


def test_photo_needs_a_description(owner_client, draft, png, settings):
    response = _upload(owner_client, draft, png(), alt="  ")

    assert response.context["image_form"].errors["alt"] == [
        "Describe la imagen para quien no puede verla."
    ]
    assert not draft.images.exists()
    assert _stored_files(settings) == []


def test_fake_image_is_refused_and_nothing_is_stored(owner_client, draft, settings):
    fake = SimpleUploadedFile("foto.jpg", b"<html>no soy una foto</html>", "image/jpeg")

    response = _upload(owner_client, draft, fake)

    html = response.content.decode()
    assert "Sube una imagen JPEG, PNG o WebP." in html
    assert 'href="#id_foto-image"' in html
    assert not draft.images.exists()
    assert _stored_files(settings) == []


def test_over_limit_image_is_refused(owner_client, draft, settings):
    buffer = io.BytesIO()
    Image.new("RGB", (64, 64), "white").save(buffer, "PNG")
    # A real PNG padded past 10 MB: the size is refused before anything is decoded.
    oversized = SimpleUploadedFile(
        "grande.png", buffer.getvalue() + b"\0" * (10 * 1024 * 1024), "image/png"
    )

    response = _upload(owner_client, draft, oversized)

    assert response.context["image_form"].errors["image"] == ["La imagen pesa más de 10 MB."]
    assert not draft.images.exists()
    assert _stored_files(settings) == []


def test_over_pixel_image_is_refused_before_decoding(owner_client, draft, settings):
    buffer = io.BytesIO()
    # 48 megapixels of one colour: a small file that would be huge once decoded.
    Image.new("L", (8000, 6000), 0).save(buffer, "PNG")
    bomb = SimpleUploadedFile("enorme.png", buffer.getvalue(), "image/png")

    response = _upload(owner_client, draft, bomb)

    assert response.context["image_form"].errors["image"] == [
        "La imagen es demasiado grande (máximo 24 megapíxeles)."
    ]
    assert not draft.images.exists()
    assert _stored_files(settings) == []


def test_png_named_like_a_jpeg_is_accepted_for_what_it_is(owner_client, draft, png):
    response = _upload(owner_client, draft, png(name="foto.jpg"))

    assert response.status_code == 302
    assert draft.images.count() == 1


def test_missing_file_is_explained(owner_client, draft):
    response = owner_client.post(
        reverse("vendors:image_create", args=[draft.pk]), {"foto-alt": "Arepa"}
    )

    assert response.context["image_form"].errors["image"] == ["Elige la foto que quieres subir."]


def test_archived_product_takes_no_photos(owner_client, draft, png, settings):
    Product.objects.filter(pk=draft.pk).update(status="archived")

    response = _upload(owner_client, draft, png())

    assert "Este producto está archivado y ya no se puede editar." in response.content.decode()
    assert not draft.images.exists()
    assert _stored_files(settings) == []
