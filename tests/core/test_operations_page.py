"""The operators' page: coordinators see what waits or failed, with the error, and retry it."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from marketplace.core.events import publish
from marketplace.core.models import (
    AuditEvent,
    InboxMessage,
    OutboxDelivery,
    OutboxEvent,
    OutgoingEmail,
    WorkStatus,
)
from marketplace.core.operations import background_work_retry

from .conftest import ParcelShipped

URL = "/consola/operacion/"
FLAKY = "tests.core.conftest.flaky"


@pytest.fixture
def failed_delivery(transactional_db, effects, settings):
    settings.OUTBOX_MAX_ATTEMPTS = 1
    effects.failures_left = 1
    publish(ParcelShipped(parcel_id=41))
    delivery = OutboxDelivery.objects.get(handler=FLAKY)
    assert delivery.status == WorkStatus.FAILED
    return delivery


def test_coordinators_see_failed_and_waiting_work_with_its_error(
    failed_delivery, client, coordinator
):
    OutgoingEmail.objects.create(
        key="k1",
        to="tienda@example.com",
        subject="Tu pedido",
        body="...",
        attempts=2,
        last_error="SMTPServerDisconnected: Connection unexpectedly closed",
    )
    InboxMessage.objects.create(
        provider="wompi", body="{}", status=WorkStatus.FAILED, last_error="signature mismatch"
    )
    client.force_login(coordinator)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "tests.parcel_shipped" in html and FLAKY in html
    assert "RuntimeError: carrier API down" in html
    assert "SMTPServerDisconnected" in html and "tienda@example.com" in html
    assert "Firma inválida" in html
    assert html.count("Reintentar<span") == 2  # no button for an unverified webhook call
    assert reverse("staff:operations") in html  # the console navigation links the page


def test_the_page_is_for_coordinators_only(transactional_db, client, moderator, citizen):
    assert client.get(URL).status_code == 302
    for user in (moderator, citizen):
        client.force_login(user)
        assert client.get(URL).status_code == 403
        assert client.post(f"{URL}delivery/1/reintentar/").status_code == 403


def test_retrying_a_failed_delivery_runs_it_again_and_is_audited(
    failed_delivery, client, coordinator, effects
):
    client.force_login(coordinator)
    response = client.post(f"{URL}delivery/{failed_delivery.pk}/reintentar/", follow=True)
    assert response.status_code == 200
    failed_delivery.refresh_from_db()
    assert failed_delivery.status == WorkStatus.DONE
    assert effects.count("flaky") == 1
    audit = AuditEvent.objects.get(action="operations.delivery_retried")
    assert audit.actor == coordinator and audit.target_id == str(failed_delivery.pk)
    assert "Ninguna entrega espera ni falló." in response.content.decode()


def test_finished_work_and_unknown_kinds_cannot_be_retried(transactional_db, client, coordinator):
    email = OutgoingEmail.objects.create(
        key="k2", to="a@example.com", subject="s", body="b", status=WorkStatus.DONE
    )
    client.force_login(coordinator)
    response = client.post(f"{URL}email/{email.pk}/reintentar/", follow=True)
    assert "ya terminó o no existe" in response.content.decode()
    assert client.post(f"{URL}nada/{email.pk}/reintentar/").status_code == 404
    with pytest.raises(ValidationError) as raised:
        background_work_retry(user=coordinator, kind="email", pk=999999)
    assert raised.value.error_dict["id"][0].code == "not_retryable"


def test_the_service_checks_the_permission_itself(transactional_db, moderator):
    with pytest.raises(PermissionDenied):
        background_work_retry(user=moderator, kind="delivery", pk=1)


def _waiting_deliveries(start: int, count: int) -> None:
    old = timezone.now() - timedelta(hours=1)
    for n in range(start, start + count):
        event = OutboxEvent.objects.create(name="tests.parcel_shipped", created_at=old)
        OutboxDelivery.objects.create(
            event=event, handler=f"tests.h{n}", attempts=1, last_error="x", next_attempt_at=old
        )
        OutgoingEmail.objects.create(
            key=f"q{n}", to="a@example.com", subject="s", body="b", next_attempt_at=old
        )


def test_the_page_query_count_does_not_grow_with_the_rows(
    transactional_db, client, coordinator, django_assert_max_num_queries
):
    client.force_login(coordinator)
    _waiting_deliveries(0, 2)
    client.get(URL)
    with django_assert_max_num_queries(12) as few:
        client.get(URL)
    _waiting_deliveries(2, 25)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(URL)
    assert response.content.decode().count("tests.h") == 27
