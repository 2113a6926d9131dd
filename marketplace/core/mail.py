"""Outgoing email: rendered in the request's language, stored, then sent by the task layer.

The message is stored in the caller's transaction (a rolled-back change sends nothing) under an
idempotency key, and `core.send_email` sends it after the commit. A handler passes
`idempotency_key=event.idempotency_key(recipient)`, so however often the event is delivered,
the recipient gets one email: the second request finds the key and stops. Sending locks the row,
so two workers running the same task send once; a failed send is retried with backoff, and
unsent mail is picked up by the sweeper.
"""

import uuid

from django.conf import settings
from django.core.mail import send_mail
from django.template import Context
from django.template.loader import get_template

from .attempts import Outcome, attempt
from .background import enqueue
from .models import OutgoingEmail


def _render_text(name: str, context: dict) -> str:
    """Plain-text mail is not HTML: «Café & Pan» must not arrive as «Café &amp; Pan»."""
    return get_template(name).template.render(Context(context, autoescape=False))


def email_queue(
    *, to: str, subject: str, body: str, idempotency_key: str | None = None
) -> OutgoingEmail:
    """Store one email and send it after commit; a key already used queues nothing new."""
    from . import tasks

    if idempotency_key is None:
        email = OutgoingEmail.objects.create(
            key=f"mail:{uuid.uuid4().hex}", to=to, subject=subject, body=body
        )
    else:
        email, created = OutgoingEmail.objects.get_or_create(
            key=idempotency_key[:255], defaults={"to": to, "subject": subject, "body": body}
        )
        if not created:
            return email
    enqueue(tasks.send_email, email.pk)
    return email


def email_send_templated(
    *, to: str, template: str, context: dict, idempotency_key: str | None = None
) -> OutgoingEmail:
    """`template` names `<template>_subject.txt` and `<template>_body.txt`."""
    context = {"site_url": settings.SITE_URL, **context}
    subject = " ".join(_render_text(f"{template}_subject.txt", context).split())
    body = _render_text(f"{template}_body.txt", context)
    return email_queue(to=to, subject=subject, body=body, idempotency_key=idempotency_key)


def _send(email: OutgoingEmail) -> None:
    send_mail(email.subject, email.body, settings.DEFAULT_FROM_EMAIL, [email.to])


def email_send_stored(email_id: int) -> Outcome:
    """Send a stored email once: a sent (or parked) email is skipped."""
    return attempt(OutgoingEmail, email_id, _send)
