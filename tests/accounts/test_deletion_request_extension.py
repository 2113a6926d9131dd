"""Extending the term of a deletion request (Ley 1581 art. 15) from the outside: staff who
handle data requests extend it once, before it runs out, with a reason the person receives by
email; the new due date is 8 business days later and the audit log keeps who and why."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from marketplace.accounts.models import AccountDeletionRequest
from marketplace.accounts.privacy import deletion_request_create, deletion_request_extend
from marketplace.core import events
from marketplace.core.business_days import business_days_after
from marketplace.core.models import AuditEvent, OutboxDelivery
from tests.factories import PASSWORD
from tests.pages.support import compile_catalogues

pytestmark = pytest.mark.django_db

PAGE = "/consola/datos-personales/"
REASON = "Falta que la tienda confirme la entrega de un pedido abierto."


@pytest.fixture(scope="session", autouse=True)
def _compiled_catalogues():
    compile_catalogues()


@pytest.fixture
def deletion_request(citizen):
    return deletion_request_create(user=citizen, password=PASSWORD)


def extend_url(request) -> str:
    return reverse("staff:data_request_extend", args=[request.pk])


def test_staff_extend_once_the_person_hears_why_and_the_audit_keeps_it(
    client, coordinator, deletion_request, mailoutbox, django_capture_on_commit_callbacks
):
    original = deletion_request.due_on
    client.force_login(coordinator)
    assert "Prorrogar plazo" in client.get(PAGE).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(extend_url(deletion_request), {"reason": f"  {REASON} "})

    assert response.status_code == 302 and response["Location"] == PAGE
    deletion_request.refresh_from_db()
    assert deletion_request.due_on == business_days_after(original, 8)
    assert deletion_request.original_due_on == original
    assert deletion_request.extended_by == coordinator
    assert deletion_request.extension_reason == REASON
    [mail] = mailoutbox
    assert mail.to == ["ciudadana@example.com"]
    assert REASON in mail.body and "Ley 1581" in mail.body
    event = AuditEvent.objects.get(action="deletion_request_extended")
    assert event.actor == coordinator and event.data["reason"] == REASON
    assert event.data["from"] == original.isoformat()
    page = client.get(PAGE).content.decode()
    assert "prorrogado" in page and REASON in page
    assert extend_url(deletion_request) not in page  # only once


def test_a_second_extension_is_refused_and_changes_nothing(
    client, coordinator, deletion_request, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        deletion_request_extend(deletion_request=deletion_request, actor=coordinator, reason="A")
    extended = AccountDeletionRequest.objects.get().due_on
    client.force_login(coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(extend_url(deletion_request), {"reason": "B"}, follow=True)

    assert "una sola vez" in response.content.decode()
    request = AccountDeletionRequest.objects.get()
    assert (request.due_on, request.extension_reason) == (extended, "A")
    assert len(mailoutbox) == 1
    assert AuditEvent.objects.filter(action="deletion_request_extended").count() == 1


def test_a_reason_is_required(client, coordinator, deletion_request, mailoutbox):
    client.force_login(coordinator)

    response = client.post(extend_url(deletion_request), {"reason": "   "}, follow=True)

    assert "Escribe el motivo de la prórroga" in response.content.decode()
    assert AccountDeletionRequest.objects.get().extended_at is None
    assert mailoutbox == []


def test_a_term_that_already_ran_out_cannot_be_extended(coordinator, deletion_request):
    with pytest.raises(ValidationError) as exc:
        deletion_request_extend(
            deletion_request=deletion_request,
            actor=coordinator,
            reason=REASON,
            today=deletion_request.due_on + timezone.timedelta(days=1),
        )
    assert exc.value.error_dict["request"][0].code == "deletion_term_expired"
    assert AccountDeletionRequest.objects.get().extended_at is None


def test_the_last_day_of_the_term_still_allows_it(coordinator, deletion_request):
    extended = deletion_request_extend(
        deletion_request=deletion_request,
        actor=coordinator,
        reason=REASON,
        today=deletion_request.due_on,
    )
    assert extended.extended_at is not None


def test_a_request_already_carried_out_cannot_be_extended(client, coordinator, deletion_request):
    client.force_login(coordinator)
    client.post(reverse("staff:data_request_carry_out", args=[deletion_request.pk]))

    response = client.post(extend_url(deletion_request), {"reason": REASON}, follow=True)

    assert "Esta solicitud ya fue atendida." in response.content.decode()
    assert AccountDeletionRequest.objects.get().extended_at is None


@pytest.mark.parametrize("who", ["citizen", "vendor_owner", "moderator"])
def test_only_staff_who_handle_data_requests_can_extend(
    client, request, who, deletion_request, mailoutbox
):
    client.force_login(request.getfixturevalue(who))

    response = client.post(extend_url(deletion_request), {"reason": REASON})

    assert response.status_code == 403
    assert AccountDeletionRequest.objects.get().extended_at is None
    assert not AuditEvent.objects.filter(action="deletion_request_extended").exists()
    assert mailoutbox == []


def test_the_email_handler_sends_once_however_often_it_runs(
    coordinator, deletion_request, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        deletion_request_extend(deletion_request=deletion_request, actor=coordinator, reason=REASON)
    delivery = OutboxDelivery.objects.select_related("event").get(
        handler="accounts.email_deletion_request_extended"
    )
    handler = events.find_handler(delivery.handler)
    event = events.rebuild(delivery.event.name, delivery.event.payload, outbox_id=delivery.event_id)

    with django_capture_on_commit_callbacks(execute=True):
        handler(event)  # a second delivery of the same event, as after a retry

    assert len(mailoutbox) == 1
