"""Wompi (Grupo Bancolombia): cards, PSE, Nequi and Bancolombia through Web Checkout.

Only this module and `wompi_signing` know Wompi's API. The buyer is redirected to Web Checkout
with an integrity signature; Wompi posts `transaction.updated` events with a checksum; the state
the ledger applies is always re-read from `GET /v1/transactions/{id}`. Card payments can be
voided by API; Wompi has no public refund API, so any other refund is recorded for staff.
"""

import json
import logging
from collections.abc import Mapping
from typing import Any, ClassVar
from urllib.parse import quote, urlencode

import requests
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
from .wompi_signing import event_checksum_valid, integrity_signature

logger = logging.getLogger(__name__)

SANDBOX_API_URL = "https://sandbox.wompi.co/v1"
PRODUCTION_API_URL = "https://production.wompi.co/v1"

_STATUSES = {
    "PENDING": ProviderStatus.PENDING,
    "APPROVED": ProviderStatus.APPROVED,
    "DECLINED": ProviderStatus.DECLINED,
    "VOIDED": ProviderStatus.VOIDED,
    "ERROR": ProviderStatus.ERROR,
}
# Wompi's legal-id types match ours except the passport and the PPT.
_LEGAL_ID_TYPES = {"CC": "CC", "CE": "CE", "NIT": "NIT", "PP": "PP", "TI": "TI", "PPT": "PEP"}


def api_url() -> str:
    if settings.WOMPI_API_URL:
        return settings.WOMPI_API_URL.rstrip("/")
    if settings.WOMPI_PUBLIC_KEY.startswith("pub_prod_"):
        return PRODUCTION_API_URL
    return SANDBOX_API_URL


def _state(data: Mapping[str, Any]) -> ProviderState:
    cents = int(data.get("amount_in_cents") or 0)
    return ProviderState(
        provider_reference=str(data.get("id", "")),
        status=_STATUSES.get(str(data.get("status", "")).upper(), ProviderStatus.ERROR),
        amount=cents // 100,
        amount_exact=cents % 100 == 0,
        currency=str(data.get("currency", "")),
        reference=str(data.get("reference", "")),
        method=str(data.get("payment_method_type", "")),
        raw=dict(data),
    )


class WompiGateway:
    name: ClassVar[str] = "wompi"
    min_amount: ClassVar[int] = 1500  # Wompi refuses transactions under COP 1,500
    max_amount: ClassVar[int | None] = None

    @classmethod
    def is_configured(cls) -> bool:
        return all(
            (
                settings.WOMPI_PUBLIC_KEY,
                settings.WOMPI_INTEGRITY_SECRET,
                settings.WOMPI_EVENTS_SECRET,
            )
        )

    def __init__(self):
        self.public_key = settings.WOMPI_PUBLIC_KEY
        self.private_key = settings.WOMPI_PRIVATE_KEY
        self.events_secret = settings.WOMPI_EVENTS_SECRET
        self.integrity_secret = settings.WOMPI_INTEGRITY_SECRET
        self.timeout = settings.PAYMENT_HTTP_TIMEOUT_SECONDS

    # Web Checkout ---------------------------------------------------------------------------

    def checkout_url(self, request: PaymentRequest) -> str:
        cents = request.amount * 100
        params = {
            "public-key": self.public_key,
            "currency": request.currency,
            "amount-in-cents": str(cents),
            "reference": request.reference,
            "signature:integrity": integrity_signature(
                reference=request.reference,
                amount_in_cents=cents,
                currency=request.currency,
                expiration_time=request.expires_at,
                secret=self.integrity_secret,
            ),
            "redirect-url": request.return_url,
            "customer-data:email": request.buyer_email,
            "customer-data:full-name": request.buyer_name,
            "customer-data:phone-number": request.buyer_phone.removeprefix("+57"),
            "customer-data:phone-number-prefix": "+57",
            "customer-data:legal-id": request.buyer_document_number,
            "customer-data:legal-id-type": _LEGAL_ID_TYPES.get(request.buyer_document_type, "CC"),
        }
        if request.expires_at:
            params["expiration-time"] = request.expires_at
        return f"{settings.WOMPI_CHECKOUT_URL}?{urlencode(params, quote_via=quote, safe=':')}"

    def start(self, request: PaymentRequest) -> Started:
        # Web Checkout creates the transaction when the buyer pays; nothing to call yet.
        return Started(NextAction(ActionType.REDIRECT, url=self.checkout_url(request)))

    # Events ---------------------------------------------------------------------------------

    def verify_event(self, *, body: bytes, headers: Mapping[str, str]) -> EventRef:
        if not self.events_secret:
            raise SignatureError("WOMPI_EVENTS_SECRET is not set")
        try:
            event = json.loads(body)
        except ValueError as exc:
            raise SignatureError("not JSON") from exc
        if not isinstance(event, dict) or not event_checksum_valid(event, self.events_secret):
            raise SignatureError("checksum mismatch")
        return self.event_ref(event)

    def event_ref(self, event: Mapping[str, Any]) -> EventRef:
        event_type = str(event.get("event", ""))
        transaction = (event.get("data") or {}).get("transaction")
        if not isinstance(transaction, dict) or not transaction.get("id"):
            # Signed but about something else (payouts, tokens): stored, nothing to apply.
            return EventRef(f"{event_type}:{event.get('timestamp')}", event_type)
        tx_id = str(transaction["id"])
        status = str(transaction.get("status", ""))
        # One effect per (transaction, status), whichever delivery or retry carries it.
        return EventRef(
            f"{event_type}:{tx_id}:{status}",
            event_type,
            provider_reference=tx_id,
            reference=str(transaction.get("reference", "")),
        )

    # API ------------------------------------------------------------------------------------

    def _call(self, method: str, path: str, *, private: bool = False, **kwargs) -> Any:
        headers = {"Accept": "application/json"}
        if private:
            headers["Authorization"] = f"Bearer {self.private_key}"
        try:
            response = requests.request(
                method, f"{api_url()}{path}", headers=headers, timeout=self.timeout, **kwargs
            )
        except requests.RequestException as exc:
            raise GatewayUnavailable(f"Wompi {method} {path}: {type(exc).__name__}") from exc
        if response.status_code == 404:
            return None
        if response.status_code >= 500:
            raise GatewayUnavailable(f"Wompi {method} {path}: HTTP {response.status_code}")
        try:
            payload = response.json()
        except ValueError as exc:
            raise GatewayUnavailable(f"Wompi {method} {path}: not JSON") from exc
        if response.status_code >= 400:
            raise GatewayError(f"Wompi {method} {path}: HTTP {response.status_code} {payload}")
        return payload

    def fetch(self, *, provider_reference: str, reference: str = "") -> ProviderState | None:
        if provider_reference:
            payload = self._call("GET", f"/transactions/{quote(provider_reference, safe='')}")
            if not payload or not isinstance(payload.get("data"), dict):
                return None
            return _state(payload["data"])
        if not reference:
            return None
        # No event yet: find the buyer's attempts by our reference (needs the private key).
        payload = self._call("GET", "/transactions", private=True, params={"reference": reference})
        found = [_state(tx) for tx in (payload or {}).get("data") or [] if isinstance(tx, dict)]
        if not found:
            return None
        approved = [state for state in found if state.status == ProviderStatus.APPROVED]
        return (approved or found)[-1]

    def refund(self, *, state: ProviderState, amount: int, idempotency_key: str) -> RefundResult:
        # Only a whole card payment can be voided by API.
        if state.method != "CARD" or amount != state.amount:
            return RefundResult(done=False, manual=True)
        tx = quote(state.provider_reference, safe="")
        try:
            self._call("POST", f"/transactions/{tx}/void", private=True, json={})
        except GatewayUnavailable:
            raise
        except GatewayError:
            # Already voided by an earlier try whose answer was lost? Ask.
            current = self.fetch(provider_reference=state.provider_reference)
            if current is None or current.status != ProviderStatus.VOIDED:
                return RefundResult(done=False, manual=True)
        return RefundResult(done=True, provider_reference=state.provider_reference)
