"""Emails with an HTML version: stored with the text, sent as its alternative, escaped like a
page; emails without one still go out as plain text, and a failed send is retried as before."""

from types import SimpleNamespace

import pytest
from django.core.mail.backends.base import BaseEmailBackend

from marketplace.core.attempts import Outcome
from marketplace.core.mail import email_send_stored, email_send_templated
from marketplace.core.models import OutgoingEmail, WorkStatus

pytestmark = pytest.mark.django_db


class RefusingBackend(BaseEmailBackend):
    """An SMTP server that is down."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError("SMTP server unreachable")


def _expired_order_email(**kwargs) -> OutgoingEmail:
    order = SimpleNamespace(number="TV-000042", first_name="Ana <b>& Luz</b>")
    return email_send_templated(
        to="ana@example.com",
        template="orders/email/order_expired",
        context={"order": order, "url": "https://tienda.example.com/pedidos/x/"},
        **kwargs,
    )


def test_an_html_version_is_sent_next_to_the_text(mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        email = _expired_order_email()

    assert "Ana &lt;b&gt;&amp; Luz&lt;/b&gt;" in email.html_body
    [message] = mailoutbox
    assert "Hola, Ana <b>& Luz</b>:" in message.body  # the text is not HTML
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html" and html == email.html_body
    assert "<b>&" not in html
    assert "<title>Tu pedido TV-000042 venció sin pago</title>" in html
    assert 'href="https://tienda.example.com/pedidos/x/"' in html


def test_an_email_without_an_html_template_stays_plain_text(
    mailoutbox, django_capture_on_commit_callbacks
):
    product = SimpleNamespace(name="Pan", slug="pan")
    with django_capture_on_commit_callbacks(execute=True):
        email = email_send_templated(
            to="luz@example.com",
            template="catalog/email/listing_approved",
            context={"product": product, "user": SimpleNamespace(get_short_name="Luz")},
        )
    assert email.html_body == ""
    [message] = mailoutbox
    assert message.alternatives == [] and "Pan" in message.body


def test_a_failed_send_is_retried_with_its_html_and_sent_once(settings, mailoutbox):
    email = _expired_order_email(idempotency_key="orders:expired:42")
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"
    assert email_send_stored(email.pk) == Outcome.RETRY
    email.refresh_from_db()
    assert email.status == WorkStatus.PENDING and "SMTP server unreachable" in email.last_error

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert email_send_stored(email.pk) == Outcome.DONE
    assert email_send_stored(email.pk) == Outcome.SKIPPED
    assert _expired_order_email(idempotency_key="orders:expired:42").pk == email.pk
    [message] = mailoutbox
    assert message.alternatives[0][0] == email.html_body
