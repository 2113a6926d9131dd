"""Each gateway's events enter through the webhook inbox (`POST /webhooks/<gateway>/`): the
inbox stores the call once per (provider, event id) after the gateway verified it, and the task
layer hands it to `payment_apply_event`."""

import json
from collections.abc import Mapping

from marketplace.core.inbox import SignatureInvalid, VerifiedEvent, register_provider

from .gateways import get_gateway, known_gateways
from .gateways.base import SignatureError


class GatewayWebhookProvider:
    def __init__(self, gateway: str):
        self.name = gateway

    def verify(self, *, body: bytes, headers: Mapping[str, str]) -> VerifiedEvent:
        try:
            ref = get_gateway(self.name).verify_event(body=body, headers=headers)
        except SignatureError as exc:
            raise SignatureInvalid(str(exc)) from exc
        return VerifiedEvent(ref.event_id, json.loads(body), ref.event_type)

    def handle(self, event: VerifiedEvent) -> None:
        from .services.ledger import payment_apply_event

        payment_apply_event(gateway=self.name, event=event.body)


_providers: dict[str, GatewayWebhookProvider] = {}


def provider_for(gateway: str) -> GatewayWebhookProvider:
    return _providers[gateway]


def register_all() -> None:
    for name in known_gateways():
        _providers[name] = GatewayWebhookProvider(name)
        register_provider(_providers[name])
