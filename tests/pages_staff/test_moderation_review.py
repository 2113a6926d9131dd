"""The review page of one moderation case: the listing previewed as citizens will see it, its
flags and history, and the decisions; refused decisions explain themselves and change nothing."""

import pytest

from catalog.models import ModerationCase, Product
from catalog.services.moderation import listing_approve
from marketplace.accounts.roles import Role
from tests.factories import UserFactory, VendorMembershipFactory
from vendors.models import Vendor

from .moderation_support import QUEUE, review_url, submit


@pytest.fixture
def queue(vendor, vendor_owner):
    """Three cases, oldest first: a short description with no photo, then two clean ones."""
    return [
        submit(
            vendor,
            vendor_owner,
            "Arepa de chócolo",
            hours_ago=60,
            description="Rica.",
            with_photo=False,
            kind="service",
        ),
        submit(vendor, vendor_owner, "Bolso de fique", hours_ago=20),
        submit(vendor, vendor_owner, "Mermelada de mora", hours_ago=2),
    ]


def test_review_previews_the_listing_with_flags_history_and_controls(
    client, moderator, queue, vendor
):
    Vendor.objects.filter(pk=vendor.pk).update(vat_responsible=True)
    client.force_login(moderator)

    response = client.get(review_url(queue[0]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Vista previa — aún no está publicada" in html
    assert "$\u00a045.900" in html and "IVA incluido" in html  # the public price box
    assert "Información del vendedor" in html  # Ley 1480 art. 50 block, shared include
    assert "Rica." in html
    assert "Sin fotos" in html and "La publicación no tiene fotos" in html
    assert "Descripción corta" in html and "La descripción tiene 5 caracteres" in html
    assert "Historial de revisiones" in html and "En espera" in html
    assert "Fuera de plazo" in html
    assert 'name="reason"' in html and 'name="message"' in html
    assert "Producto prohibido" in html  # a reason choice
    assert "Aprobar y publicar" in html
    assert "Retirar de la tienda" not in html  # not live yet
    assert f'href="{review_url(queue[1])}" rel="next"' in html
    assert 'rel="prev"' not in html


def test_approving_goes_on_to_the_next_case(client, moderator, queue, mailoutbox):
    client.force_login(moderator)

    response = client.post(f"{review_url(queue[1])}aprobar/")

    assert response.status_code == 302
    assert response["Location"] == review_url(queue[2])
    product = Product.objects.get(pk=queue[1].product_id)
    assert product.status == "published"
    assert ModerationCase.objects.get(pk=queue[1].pk).decided_by == moderator
    html = client.get(response["Location"]).content.decode()
    assert "Aprobaste «Bolso de fique». Ya se ve en la tienda." in html


def test_the_last_decision_wraps_to_the_oldest_left_then_to_the_queue(client, moderator, queue):
    client.force_login(moderator)

    response = client.post(f"{review_url(queue[2])}aprobar/")
    assert response["Location"] == review_url(queue[0])

    for case in queue[:2]:
        client.post(f"{review_url(case)}aprobar/")
    assert Product.objects.filter(status="published").count() == 3


def test_next_stays_within_the_queue_filters(client, moderator, queue):
    client.force_login(moderator)

    response = client.post(f"{review_url(queue[0])}aprobar/?alerta=no_image")

    # No other case has that flag: back to the filtered queue.
    assert response["Location"] == f"{QUEUE}?alerta=no_image"


def test_rejecting_without_reason_or_message_names_the_fields_and_changes_nothing(
    client, moderator, queue, mailoutbox
):
    client.force_login(moderator)

    response = client.post(f"{review_url(queue[0])}rechazar/", {"reason": "", "message": " "})

    assert response.status_code == 200
    html = response.content.decode()
    form = response.context["reject_form"]
    assert form.errors["reason"] == ["Elige el motivo."]
    assert form.errors["message"] == ["Explica al negocio qué debe corregir."]
    assert "Revisa los campos marcados" in html
    assert Product.objects.get(pk=queue[0].product_id).status == "in_review"
    assert ModerationCase.objects.get(pk=queue[0].pk).decided_at is None
    assert mailoutbox == []


def test_rejecting_with_a_reason_tells_the_business(
    client, moderator, queue, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(moderator)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"{review_url(queue[0])}rechazar/",
            {"reason": "poor_or_missing_images", "message": "Sube al menos una foto del producto."},
        )

    assert response["Location"] == review_url(queue[1])
    case = ModerationCase.objects.get(pk=queue[0].pk)
    assert (case.decision, case.reason) == ("rejected", "poor_or_missing_images")
    assert Product.objects.get(pk=queue[0].product_id).status == "rejected"
    assert any("Sube al menos una foto" in m.body for m in mailoutbox)
    history = client.get(review_url(queue[0])).content.decode()
    assert "Imágenes deficientes o ausentes" in history and "Ya decidida: Rechazada" in history


def test_deciding_a_case_someone_else_decided_says_so_and_changes_nothing(
    client, moderator, coordinator, queue
):
    listing_approve(product=queue[0].product, moderator=coordinator)
    client.force_login(moderator)

    response = client.post(
        f"{review_url(queue[0])}rechazar/",
        {"reason": "other", "message": "Tarde."},
        follow=True,
    )

    html = response.content.decode()
    assert "Esta publicación ya no está en revisión: otra persona decidió antes." in html
    assert Product.objects.get(pk=queue[0].product_id).status == "published"
    assert ModerationCase.objects.get(pk=queue[0].pk).decided_by == coordinator
    # The page now shows the decision, not the controls.
    assert "Ya decidida: Aprobada" in html and "Aprobar y publicar" not in html

    again = client.post(f"{review_url(queue[0])}aprobar/", follow=True).content.decode()
    assert "otra persona decidió antes" in again


def test_a_moderator_of_the_business_cannot_approve_its_listing(client, queue, vendor):
    insider = UserFactory(email="moderador-socio@example.com", roles=[Role.MODERATOR])
    VendorMembershipFactory(vendor=vendor, user=insider, role="staff")
    client.force_login(insider)

    response = client.post(f"{review_url(queue[0])}aprobar/", follow=True)

    assert "No puedes decidir sobre publicaciones de un negocio del que haces parte." in (
        response.content.decode()
    )
    assert Product.objects.get(pk=queue[0].product_id).status == "in_review"


def test_a_suspended_business_cannot_be_approved(client, moderator, queue, vendor):
    Vendor.objects.filter(pk=vendor.pk).update(status="suspended")
    client.force_login(moderator)

    response = client.post(f"{review_url(queue[0])}aprobar/", follow=True)

    assert "El negocio de este producto no está activo" in response.content.decode()
    assert Product.objects.get(pk=queue[0].product_id).status == "in_review"


def test_a_live_listing_can_be_taken_down_with_a_reason(client, moderator, queue):
    listing_approve(product=queue[1].product, moderator=moderator)
    client.force_login(moderator)
    url = review_url(queue[1])

    html = client.get(url).content.decode()
    assert "Vista previa — así se ve hoy en la tienda" in html
    assert "Retirar de la tienda" in html

    missing = client.post(f"{url}retirar/", {"reason": "misleading_information", "message": ""})
    assert missing.status_code == 200
    assert missing.context["takedown_form"].errors["message"]
    assert Product.objects.get(pk=queue[1].product_id).status == "published"

    done = client.post(
        f"{url}retirar/",
        {"reason": "misleading_information", "message": "El precio no corresponde."},
    )
    assert done["Location"] == url
    assert Product.objects.get(pk=queue[1].product_id).status == "unpublished"


def test_unknown_case_is_404_for_staff(client, moderator):
    client.force_login(moderator)

    assert client.get("/consola/publicaciones/999999/").status_code == 404
    assert client.post("/consola/publicaciones/999999/aprobar/").status_code == 404


def test_coordinators_decide_too(client, coordinator, queue):
    client.force_login(coordinator)

    client.post(f"{review_url(queue[0])}aprobar/")

    assert Product.objects.get(pk=queue[0].product_id).status == "published"
