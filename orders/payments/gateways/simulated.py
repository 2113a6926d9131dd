"""The test gateway (the demo default): a simulated payment page marked "modo de prueba".

It keeps its own books (`SimulatedCharge`, standing in for a provider's side) and signs its
events with `PAYMENT_TEST_SECRET` (HMAC-SHA256 of the body, hex, in `X-Test-Signature`), so its
events go through the same inbox, handlers and re-reads as a real gateway's. No money moves.
"""

import hashlib
import hmac
import json
import secrets
import time
from collections.abc import Mapping
from typing import Any, ClassVar

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse

from ..models import PaymentStatus, SimulatedCharge
from .base import (
    ActionType,
    EventRef,
    NextAction,
    PaymentRequest,
    ProviderState,
    ProviderStatus,
    RefundResult,
    SignatureError,
    Started,
)

SIGNATURE_HEADER = "X-Test-Signature"


class Decision:
    APPROVE = "approve"
    DECLINE = "decline"
    PENDING = "pending"


_DECISIONS = {
    Decision.APPROVE: PaymentStatus.APPROVED,
    Decision.DECLINE: PaymentStatus.DECLINED,
    Decision.PENDING: PaymentStatus.PENDING,
}


def _sign(body: bytes) -> str:
    return hmac.new(settings.PAYMENT_TEST_SECRET.encode(), body, hashlib.sha256).hexdigest()


def _state(charge: SimulatedCharge) -> ProviderState:
    return ProviderState(
        provider_reference=charge.charge_id,
        status=ProviderStatus(charge.status),
        amount=charge.amount,
        currency=charge.currency,
        reference=charge.reference,
        method="TEST",
    )


class SimulatedGateway:
    name: ClassVar[str] = "test"
    min_amount: ClassVar[int] = 1
    max_amount: ClassVar[int | None] = None

    @classmethod
    def is_configured(cls) -> bool:
        return bool(settings.PAYMENT_TEST_SECRET)

    def start(self, request: PaymentRequest) -> Started:
        try:
            with transaction.atomic():
                charge, _created = SimulatedCharge.objects.get_or_create(
                    reference=request.reference,
                    defaults={
                        "charge_id": f"sim_{secrets.token_hex(8)}",
                        "amount": request.amount,
                        "currency": request.currency,
                        "status": PaymentStatus.PENDING,
                    },
                )
        except IntegrityError:
            charge = SimulatedCharge.objects.get(reference=request.reference)
        url = settings.SITE_URL.rstrip("/") + reverse(
            "payments:test_checkout", args=[charge.charge_id]
        )
        return Started(
            NextAction(ActionType.REDIRECT, url=url), provider_reference=charge.charge_id
        )

    def decide(self, *, reference: str, decision: str) -> tuple[bytes, dict[str, str]]:
        """The buyer's choice on the simulated page: the charge changes on the provider's side
        and a signed event is produced, as the provider would post it."""
        status = _DECISIONS[decision]
        charge = SimulatedCharge.objects.get(reference=reference)
        if charge.status == PaymentStatus.PENDING:
            SimulatedCharge.objects.filter(pk=charge.pk, status=PaymentStatus.PENDING).update(
                status=status
            )
            charge.refresh_from_db()
        return self.event_for(charge)

    def event_for(self, charge: SimulatedCharge) -> tuple[bytes, dict[str, str]]:
        body = json.dumps(
            {
                "id": f"evt_{secrets.token_hex(8)}",
                "type": "charge.updated",
                "created": int(time.time()),
                "charge": {
                    "id": charge.charge_id,
                    "reference": charge.reference,
                    "status": charge.status,
                    "amount": charge.amount,
                    "currency": charge.currency,
                },
            }
        ).encode()
        return body, {SIGNATURE_HEADER: _sign(body)}

    def verify_event(self, *, body: bytes, headers: Mapping[str, str]) -> EventRef:
        given = headers.get(SIGNATURE_HEADER, "")
        if not given or not hmac.compare_digest(given.strip().lower(), _sign(body)):
            raise SignatureError("signature mismatch")
        try:
            event = json.loads(body)
        except ValueError as exc:
            raise SignatureError("not JSON") from exc
        if not isinstance(event, dict):
            raise SignatureError("not an event")
        return self.event_ref(event)

    def event_ref(self, event: Mapping[str, Any]) -> EventRef:
        charge = event.get("charge")
        if not isinstance(charge, dict) or not charge.get("id"):
            return EventRef(str(event.get("id", "")), str(event.get("type", "")))
        return EventRef(
            f"charge:{charge['id']}:{charge.get('status', '')}",
            str(event.get("type", "")),
            provider_reference=str(charge["id"]),
            reference=str(charge.get("reference", "")),
        )

    def fetch(self, *, provider_reference: str, reference: str = "") -> ProviderState | None:
        charges = SimulatedCharge.objects.all()
        if provider_reference:
            charge = charges.filter(charge_id=provider_reference).first()
        else:
            charge = charges.filter(reference=reference).first() if reference else None
        return _state(charge) if charge else None

    def refund(self, *, state: ProviderState, amount: int, idempotency_key: str) -> RefundResult:
        charge = SimulatedCharge.objects.select_for_update().get(charge_id=state.provider_reference)
        if charge.refunded + amount > charge.amount:
            return RefundResult(done=False, manual=True)
        SimulatedCharge.objects.filter(pk=charge.pk).update(refunded=charge.refunded + amount)
        return RefundResult(done=True, provider_reference=f"{charge.charge_id}:{idempotency_key}")
