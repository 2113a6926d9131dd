"""The webhook inbox: every provider event is stored once, then processed by the task layer.

`inbox_receive` verifies a call with its provider, stores it keyed by (provider, event id) and
schedules processing after the commit; the same event arriving again finds its row and has no
second effect. `inbox_process` runs the provider's handler through `attempts.attempt`, so a
failure is retried with backoff (and by the sweeper) and finally parked for operators.

Extension point, for payment gateways and any other provider: implement `WebhookProvider`
(`verify` checks the signature of the raw body and headers and returns a `VerifiedEvent`, or
raises `SignatureInvalid`; `handle` applies a verified event and must be idempotent) and call
`register_provider(provider)` from the app's `AppConfig.ready()`. The endpoint is then
`POST /webhooks/<name>/`. `HmacWebhookProvider` covers the common "hex HMAC-SHA256 of the body in
a header" scheme; Wompi and Stripe sign differently and bring their own `verify`.
"""

import hashlib
import hmac
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from django.db import IntegrityError, transaction

from .attempts import Outcome, attempt
from .background import enqueue
from .models import InboxMessage, WorkStatus


class SignatureInvalid(Exception):
    """The call is not from the provider (or was altered): it is stored but never processed."""


@dataclass(frozen=True)
class VerifiedEvent:
    event_id: str
    body: dict[str, Any]
    event_type: str = ""


class WebhookProvider(Protocol):
    name: str

    def verify(self, *, body: bytes, headers: Mapping[str, str]) -> VerifiedEvent: ...

    def handle(self, event: VerifiedEvent) -> None: ...


_providers: dict[str, WebhookProvider] = {}


def register_provider(provider: WebhookProvider) -> WebhookProvider:
    _providers[provider.name] = provider
    return provider


def unregister_provider(name: str) -> None:
    _providers.pop(name, None)


def get_provider(name: str) -> WebhookProvider | None:
    return _providers.get(name)


@dataclass
class HmacWebhookProvider:
    """Body signed with HMAC-SHA256 (hex) in `header`; the event id and type are read from the
    JSON body's `id_field` and `type_field`."""

    name: str
    secret: str | Callable[[], str]
    handler: Callable[[VerifiedEvent], None]
    header: str = "X-Signature"
    id_field: str = "id"
    type_field: str = "type"

    def _secret(self) -> bytes:
        secret = self.secret() if callable(self.secret) else self.secret
        return secret.encode()

    def sign(self, body: bytes) -> str:
        return hmac.new(self._secret(), body, hashlib.sha256).hexdigest()

    def verify(self, *, body: bytes, headers: Mapping[str, str]) -> VerifiedEvent:
        given = headers.get(self.header, "")
        if not given or not hmac.compare_digest(given.strip().lower(), self.sign(body)):
            raise SignatureInvalid("signature mismatch")
        try:
            parsed = json.loads(body)
            event_id = str(parsed[self.id_field])
        except (ValueError, KeyError, TypeError) as exc:
            raise SignatureInvalid("signed body without an event id") from exc
        return VerifiedEvent(event_id, parsed, str(parsed.get(self.type_field, "")))

    def handle(self, event: VerifiedEvent) -> None:
        self.handler(event)


@dataclass(frozen=True)
class Receipt:
    message: InboxMessage
    created: bool

    @property
    def verified(self) -> bool:
        return self.message.signature_valid


def inbox_receive(*, provider: WebhookProvider, body: bytes, headers: Mapping[str, str]) -> Receipt:
    """Verify and store one call. A verified new event is processed after the commit; a repeated
    one returns the stored row untouched; an unverified one is stored as failed."""
    from . import tasks

    text = body.decode("utf-8", errors="replace")
    try:
        verified = provider.verify(body=body, headers=headers)
    except SignatureInvalid as exc:
        message = InboxMessage.objects.create(
            provider=provider.name,
            body=text,
            signature_valid=False,
            status=WorkStatus.FAILED,
            last_error=str(exc),
        )
        return Receipt(message, True)
    try:
        with transaction.atomic():
            message, created = InboxMessage.objects.get_or_create(
                provider=provider.name,
                event_id=verified.event_id[:255],
                signature_valid=True,
                defaults={"body": text, "event_type": verified.event_type[:100]},
            )
    except IntegrityError:  # the same event arriving at the same instant from two replicas
        message = InboxMessage.objects.get(
            provider=provider.name, event_id=verified.event_id[:255], signature_valid=True
        )
        created = False
    if created:
        enqueue(tasks.process_webhook, message.pk)
    return Receipt(message, created)


def _handle(message: InboxMessage) -> None:
    provider = get_provider(message.provider)
    if provider is None:
        raise LookupError(f"No webhook provider named {message.provider!r} is registered")
    provider.handle(VerifiedEvent(message.event_id, json.loads(message.body), message.event_type))


def inbox_process(message_id: int) -> Outcome:
    """Apply one stored, verified event once."""
    return attempt(InboxMessage, message_id, _handle)
