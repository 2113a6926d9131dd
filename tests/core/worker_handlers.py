"""A handler a real worker loads (`celery -A marketplace worker -I tests.core.worker_handlers`)
so a test can follow one event end to end: publish -> handler -> email task -> sent message."""

from dataclasses import dataclass

from marketplace.core.events import DomainEvent, subscribe
from marketplace.core.mail import email_queue


@dataclass(frozen=True, kw_only=True)
class WelcomeRequested(DomainEvent):
    name = "tests.welcome_requested"
    email: str
    business: str


def send_welcome(event: WelcomeRequested) -> None:
    email_queue(
        to=event.email,
        subject=f"Bienvenida, {event.business}",
        body="Tu tienda ya está en línea.",
        idempotency_key=event.idempotency_key(event.email),
    )


subscribe(WelcomeRequested)(send_welcome)
