"""Outgoing email, rendered in the request's language and sent after commit by the task layer."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string

from .tasks import enqueue, task


@task(name="core.send_email")
def send_email_task(to: list[str], subject: str, body: str) -> None:
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to, fail_silently=False)


def email_send_templated(*, to: str, template: str, context: dict) -> None:
    """`template` names `<template>_subject.txt` and `<template>_body.txt`."""
    context = {"site_url": settings.SITE_URL, **context}
    subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
    body = render_to_string(f"{template}_body.txt", context)
    enqueue(send_email_task, [to], subject, body)
