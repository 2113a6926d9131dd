"""The gateway interface: what every payment provider module implements.

A gateway starts a payment for an order and says what the buyer must do next (`NextAction`);
verifies an incoming event and says which provider payment it concerns; fetches a payment's
current state from the provider (the only state the ledger trusts); and refunds or voids an
amount. Amounts cross this boundary in whole pesos; each module converts to its provider's
minor units. Nothing here knows about Django requests.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, ClassVar, Protocol


class ActionType(StrEnum):
    REDIRECT = "redirect"  # send the buyer to `url` (Wompi Web Checkout, the test page)
    CLIENT_SECRET = "client_secret"  # confirm in an embedded element (Stripe Payment Element)
    NONE = "none"


class ProviderStatus(StrEnum):
    """The ledger's vocabulary; each gateway maps its provider's statuses onto these."""

    PENDING = "pending"
    APPROVED = "approved"
    DECLINED = "declined"
    VOIDED = "voided"
    ERROR = "error"


@dataclass(frozen=True)
class NextAction:
    type: ActionType
    url: str = ""
    client_secret: str = ""


@dataclass(frozen=True)
class PaymentRequest:
    """What a gateway needs to start collecting one payment."""

    reference: str  # ours, unique per attempt
    amount: int  # pesos
    currency: str
    idempotency_key: str
    buyer_email: str
    buyer_name: str
    buyer_phone: str
    buyer_document_type: str
    buyer_document_number: str
    return_url: str  # absolute URL of our "estamos confirmando tu pago" page
    description: str = ""
    expires_at: str = ""  # ISO 8601 UTC, when the provider supports an expiry


@dataclass(frozen=True)
class Started:
    action: NextAction
    provider_reference: str = ""  # the provider's id when it assigns one up front


@dataclass(frozen=True)
class ProviderState:
    """A payment as the provider sees it right now."""

    provider_reference: str
    status: ProviderStatus
    amount: int  # pesos, as the provider holds it (minor units converted back)
    currency: str
    reference: str = ""  # ours, echoed back by the provider
    method: str = ""
    amount_exact: bool = True  # False when the minor units were not a whole number of pesos
    raw: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class RefundResult:
    done: bool  # the provider has carried it out
    provider_reference: str = ""
    manual: bool = False  # the provider offers no API for it: staff carry it out and mark it


@dataclass(frozen=True)
class EventRef:
    """A verified incoming event: its stable id (for the inbox) and the payment it concerns."""

    event_id: str
    event_type: str
    provider_reference: str = ""
    reference: str = ""


class GatewayError(Exception):
    """The provider refused or failed; the message is for logs, never for buyers."""


class GatewayUnavailable(GatewayError):
    """The provider did not answer in time or answered with a server error: try again later."""


class SignatureError(Exception):
    """An incoming event whose signature or checksum does not verify."""


class Gateway(Protocol):
    name: ClassVar[str]
    min_amount: ClassVar[int]
    max_amount: ClassVar[int | None]

    @classmethod
    def is_configured(cls) -> bool:
        """Whether settings hold the keys it needs (an unconfigured gateway is never offered)."""
        ...

    def start(self, request: PaymentRequest) -> Started: ...

    def verify_event(self, *, body: bytes, headers: Mapping[str, str]) -> EventRef:
        """Check the signature of a raw call (raise SignatureError) and read it."""
        ...

    def event_ref(self, event: Mapping[str, Any]) -> EventRef:
        """Read an already verified, parsed event (as the inbox stored it)."""
        ...

    def fetch(self, *, provider_reference: str, reference: str = "") -> ProviderState | None: ...

    def refund(
        self, *, state: ProviderState, amount: int, idempotency_key: str
    ) -> RefundResult: ...
