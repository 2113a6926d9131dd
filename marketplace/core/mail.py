"""Outgoing email: rendered in the request's language, stored, then sent by the task layer.

The message is stored in the caller's transaction (a rolled-back change sends nothing) under an
idempotency key, and `core.send_email` sends it after the commit. A handler passes
`idempotency_key=event.idempotency_key(recipient)`, so however often the event is delivered,
the recipient gets one email: the second request finds the key and stops. Sending locks the row,
so two workers running the same task send once; a failed send is retried with backoff, and
unsent mail is picked up by the sweeper.

A template may come with an HTML version (`<template>_body.html`): it is rendered with
autoescaping on, stored next to the text and sent as its alternative, so clients that show HTML
show it and the rest read the text.
"""

import uuid

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, send_mail
from django.template import Context, TemplateDoesNotExist
from django.template.loader import get_template

from .attempts import Outcome, attempt
from .background import enqueue
from .models import OutgoingEmail


def _render_text(name: str, context: dict) -> str:
    """Plain-text mail is not HTML: «Café & Pan» must not arrive as «Café &amp; Pan»."""
    return get_template(name).template.render(Context(context, autoescape=False))


def _render_html(name: str, context: dict) -> str:
    """The HTML version, escaped like any page; empty when the email has none."""
    try:
        template = get_template(name)
    except TemplateDoesNotExist:
        return ""
    return template.render(context)


def email_queue(
    *,
    to: str,
    subject: str,
    body: str,
    html_body: str = "",
    idempotency_key: str | None = None,
) -> OutgoingEmail:
    """Store one email and send it after commit; a key already used queues nothing new."""
    from . import tasks

    fields = {"to": to, "subject": subject, "body": body, "html_body": html_body}
    if idempotency_key is None:
        email = OutgoingEmail.objects.create(key=f"mail:{uuid.uuid4().hex}", **fields)
    else:
        email, created = OutgoingEmail.objects.get_or_create(
            key=idempotency_key[:255], defaults=fields
        )
        if not created:
            return email
    enqueue(tasks.send_email, email.pk)
    return email


def email_render_templated(*, template: str, context: dict) -> tuple[str, str, str]:
    """Subject, text body and HTML body (empty without one) of a templated email. Also called
    alone where a request that sends nothing must cost what one that sends does."""
    context = {"site_url": settings.SITE_URL, **context}
    subject = " ".join(_render_text(f"{template}_subject.txt", context).split())
    body = _render_text(f"{template}_body.txt", context)
    html_body = _render_html(f"{template}_body.html", {"subject": subject, **context})
    return subject, body, html_body


def email_send_templated(
    *, to: str, template: str, context: dict, idempotency_key: str | None = None
) -> OutgoingEmail:
    """`template` names `<template>_subject.txt`, `<template>_body.txt` and, optionally,
    `<template>_body.html`."""
    subject, body, html_body = email_render_templated(template=template, context=context)
    return email_queue(
        to=to, subject=subject, body=body, html_body=html_body, idempotency_key=idempotency_key
    )


def _send(email: OutgoingEmail) -> None:
    if not email.html_body:
        send_mail(email.subject, email.body, settings.DEFAULT_FROM_EMAIL, [email.to])
        return
    message = EmailMultiAlternatives(
        email.subject, email.body, settings.DEFAULT_FROM_EMAIL, [email.to]
    )
    message.attach_alternative(email.html_body, "text/html")
    message.send()


def email_send_stored(email_id: int) -> Outcome:
    """Send a stored email once: a sent (or parked) email is skipped."""
    return attempt(OutgoingEmail, email_id, _send)
