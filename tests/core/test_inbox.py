"""The webhook inbox: verified calls stored once per (provider, event id), answered at once,
processed through the task layer; repeated calls have no second effect."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from marketplace.core.inbox import HmacWebhookProvider, register_provider, unregister_provider
from marketplace.core.models import InboxMessage, WorkStatus
from marketplace.core.sweeper import outbox_sweep

SECRET = "prueba-secreto-webhook"
URL = "/webhooks/prueba/"


class Ledger:
    def __init__(self):
        self.applied: list[str] = []
        self.failures_left = 0

    def apply(self, event):
        if self.failures_left:
            self.failures_left -= 1
            raise ConnectionError("ledger unavailable")
        self.applied.append(event.event_id)


@pytest.fixture
def ledger():
    ledger = Ledger()
    provider = register_provider(
        HmacWebhookProvider(name="prueba", secret=SECRET, handler=ledger.apply)
    )
    ledger.provider = provider
    yield ledger
    unregister_provider("prueba")


def _post(client, provider, payload: dict, *, signature: str | None = None):
    body = json.dumps(payload).encode()
    signature = provider.sign(body) if signature is None else signature
    return client.post(URL, body, content_type="application/json", HTTP_X_SIGNATURE=signature)


def test_a_verified_call_is_stored_answered_and_processed(transactional_db, client, ledger):
    payload = {"id": "evt_001", "type": "transaction.updated", "status": "APPROVED"}
    response = _post(client, ledger.provider, payload)
    assert response.status_code == 200
    assert response.json() == {"status": "accepted"}
    message = InboxMessage.objects.get()
    assert (message.provider, message.event_id, message.event_type) == (
        "prueba",
        "evt_001",
        "transaction.updated",
    )
    assert message.signature_valid and json.loads(message.body) == payload
    assert (message.status, message.attempts) == (WorkStatus.DONE, 1)
    assert ledger.applied == ["evt_001"]


def test_a_repeated_call_is_answered_200_and_has_no_second_effect(transactional_db, client, ledger):
    payload = {"id": "evt_002", "type": "transaction.updated"}
    assert _post(client, ledger.provider, payload).json() == {"status": "accepted"}
    again = _post(client, ledger.provider, payload)
    assert again.status_code == 200 and again.json() == {"status": "duplicate"}
    assert InboxMessage.objects.count() == 1
    assert ledger.applied == ["evt_002"]


def test_a_bad_signature_is_refused_kept_for_operators_and_never_processed(
    transactional_db, client, ledger
):
    response = _post(client, ledger.provider, {"id": "evt_003"}, signature="0" * 64)
    assert response.status_code == 400
    assert response.json()["code"] == "signature_invalid"
    assert "firma" in response.json()["message"]
    message = InboxMessage.objects.get()
    assert not message.signature_valid and message.status == WorkStatus.FAILED
    assert message.event_id == ""  # an unverified caller cannot reserve the real event's id
    assert ledger.applied == []
    # The real event still gets in afterwards.
    assert _post(client, ledger.provider, {"id": "evt_003"}).json() == {"status": "accepted"}
    assert ledger.applied == ["evt_003"]


def test_a_signed_body_without_an_event_id_is_refused(transactional_db, client, ledger):
    response = _post(client, ledger.provider, {"type": "x"})
    assert response.status_code == 400
    assert ledger.applied == []


def test_unknown_providers_and_oversized_bodies_are_refused(
    transactional_db, client, ledger, settings
):
    assert (
        client.post("/webhooks/nadie/", b"{}", content_type="application/json").status_code == 404
    )
    assert client.get(URL).status_code == 405
    settings.WEBHOOK_MAX_BODY_BYTES = 100
    response = _post(client, ledger.provider, {"id": "evt_big", "pad": "x" * 200})
    assert response.status_code == 413 and response.json()["code"] == "too_large"
    assert InboxMessage.objects.count() == 0


def test_a_failed_processing_is_retried_by_the_sweeper(transactional_db, client, ledger):
    ledger.failures_left = 1
    assert _post(client, ledger.provider, {"id": "evt_004"}).status_code == 200
    message = InboxMessage.objects.get()
    assert (message.status, message.attempts) == (WorkStatus.PENDING, 1)
    assert message.last_error == "ConnectionError: ledger unavailable"
    outbox_sweep(now=timezone.now() + timedelta(hours=2))
    message.refresh_from_db()
    assert (message.status, message.attempts) == (WorkStatus.DONE, 2)
    assert ledger.applied == ["evt_004"]
