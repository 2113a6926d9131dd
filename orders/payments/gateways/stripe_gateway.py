"""Stripe: a PaymentIntent per order, confirmed by the buyer in the Payment Element.

Only this module imports `stripe`. COP is a two-decimal currency for Stripe (pesos x 100). Each
intent is created with an idempotency key derived from the payment, so a repeated start returns
the same intent. Webhooks are verified with the library (300-second tolerance), and the intent is
re-fetched before anything changes, so events arriving out of order end in the same state.
"""

import json
from collections.abc import Mapping
from typing import Any, ClassVar

import stripe
from django.conf import settings

from .base import (
    ActionType,
    EventRef,
    GatewayError,
    GatewayUnavailable,
    NextAction,
    PaymentRequest,
    ProviderState,
    ProviderStatus,
    RefundResult,
    SignatureError,
    Started,
)

WEBHOOK_TOLERANCE_SECONDS = 300


def _client() -> stripe.StripeClient:
    options: dict[str, Any] = {
        "http_client": stripe.RequestsClient(timeout=settings.PAYMENT_HTTP_TIMEOUT_SECONDS),
        "max_network_retries": 0,
    }
    if settings.STRIPE_API_BASE:
        options["base_addresses"] = {"api": settings.STRIPE_API_BASE.rstrip("/")}
    return stripe.StripeClient(settings.STRIPE_SECRET_KEY, **options)


def _translate(exc: stripe.StripeError) -> GatewayError:
    status = getattr(exc, "http_status", None) or 0
    if isinstance(exc, stripe.APIConnectionError) or status >= 500:
        return GatewayUnavailable(f"Stripe: {type(exc).__name__}")
    return GatewayError(f"Stripe: {type(exc).__name__} {status}")


def _status(intent: Mapping[str, Any]) -> ProviderStatus:
    status = intent.get("status")
    if status == "succeeded":
        return ProviderStatus.APPROVED
    if status == "canceled":
        return ProviderStatus.VOIDED
    if status == "requires_payment_method" and intent.get("last_payment_error"):
        return ProviderStatus.DECLINED
    return ProviderStatus.PENDING


def _state(intent: Mapping[str, Any]) -> ProviderState:
    minor = int(intent.get("amount") or 0)
    metadata = intent.get("metadata") or {}
    return ProviderState(
        provider_reference=str(intent.get("id", "")),
        status=_status(intent),
        amount=minor // 100,
        amount_exact=minor % 100 == 0,
        currency=str(intent.get("currency", "")).upper(),
        reference=str(metadata.get("reference", "")),
        method="STRIPE",
        raw=dict(intent),
    )


class StripeGateway:
    name: ClassVar[str] = "stripe"
    # Stripe's minimum charge is about USD 0.50; COP 2,000 stays above it.
    min_amount: ClassVar[int] = 2000
    max_amount: ClassVar[int | None] = None

    @classmethod
    def is_configured(cls) -> bool:
        return all(
            (
                settings.STRIPE_SECRET_KEY,
                settings.STRIPE_PUBLISHABLE_KEY,
                settings.STRIPE_WEBHOOK_SECRET,
            )
        )

    def start(self, request: PaymentRequest) -> Started:
        params = {
            "amount": request.amount * 100,
            "currency": request.currency.lower(),
            "automatic_payment_methods": {"enabled": True},
            "description": request.description,
            "receipt_email": request.buyer_email,
            "metadata": {"reference": request.reference},
        }
        try:
            intent = _client().v1.payment_intents.create(
                params=params, options={"idempotency_key": request.idempotency_key}
            )
        except stripe.StripeError as exc:
            raise _translate(exc) from exc
        return Started(
            NextAction(ActionType.CLIENT_SECRET, client_secret=intent.client_secret or ""),
            provider_reference=intent.id,
        )

    def verify_event(self, *, body: bytes, headers: Mapping[str, str]) -> EventRef:
        if not settings.STRIPE_WEBHOOK_SECRET:
            raise SignatureError("STRIPE_WEBHOOK_SECRET is not set")
        header = headers.get("Stripe-Signature", "")
        try:
            stripe.WebhookSignature.verify_header(
                body.decode("utf-8"),
                header,
                settings.STRIPE_WEBHOOK_SECRET,
                WEBHOOK_TOLERANCE_SECONDS,
            )
            event = json.loads(body)
        except (stripe.SignatureVerificationError, UnicodeDecodeError, ValueError) as exc:
            raise SignatureError(type(exc).__name__) from exc
        if not isinstance(event, dict) or not event.get("id"):
            raise SignatureError("not an event")
        return self.event_ref(event)

    def event_ref(self, event: Mapping[str, Any]) -> EventRef:
        obj = (event.get("data") or {}).get("object") or {}
        kind = obj.get("object")
        intent_id = ""
        if kind == "payment_intent":
            intent_id = str(obj.get("id", ""))
        elif isinstance(obj.get("payment_intent"), str):  # charges, refunds
            intent_id = obj["payment_intent"]
        reference = str((obj.get("metadata") or {}).get("reference", ""))
        return EventRef(
            str(event.get("id", "")),
            str(event.get("type", "")),
            provider_reference=intent_id,
            reference=reference,
        )

    def fetch(self, *, provider_reference: str, reference: str = "") -> ProviderState | None:
        if not provider_reference:
            return None
        try:
            intent = _client().v1.payment_intents.retrieve(provider_reference)
        except stripe.InvalidRequestError as exc:
            if getattr(exc, "http_status", None) == 404:
                return None
            raise _translate(exc) from exc
        except stripe.StripeError as exc:
            raise _translate(exc) from exc
        return _state(intent.to_dict())

    def refund(self, *, state: ProviderState, amount: int, idempotency_key: str) -> RefundResult:
        try:
            refund = _client().v1.refunds.create(
                params={"payment_intent": state.provider_reference, "amount": amount * 100},
                options={"idempotency_key": idempotency_key},
            )
        except stripe.StripeError as exc:
            raise _translate(exc) from exc
        if refund.status in ("succeeded", "pending"):
            return RefundResult(done=True, provider_reference=refund.id)
        raise GatewayError(f"Stripe refund {refund.id}: {refund.status}")
