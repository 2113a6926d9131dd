"""Outgoing email, rendered in the request's language and sent after commit by the task layer."""

from django.conf import settings
from django.core.mail import send_mail
from django.template import Context
from django.template.loader import get_template

from .tasks import enqueue, task


@task(name="core.send_email")
def send_email_task(to: list[str], subject: str, body: str) -> None:
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to, fail_silently=False)


def _render_text(name: str, context: dict) -> str:
    """Plain-text mail is not HTML: «Café & Pan» must not arrive as «Café &amp; Pan»."""
    return get_template(name).template.render(Context(context, autoescape=False))


def email_send_templated(*, to: str, template: str, context: dict) -> None:
    """`template` names `<template>_subject.txt` and `<template>_body.txt`."""
    context = {"site_url": settings.SITE_URL, **context}
    subject = " ".join(_render_text(f"{template}_subject.txt", context).split())
    body = _render_text(f"{template}_body.txt", context)
    enqueue(send_email_task, [to], subject, body)
