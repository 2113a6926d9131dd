"""The payments console: refunds owed to buyers with their legal deadline and the manual
refund recorded by staff; payments flagged or stuck, and giving back what was taken after the
order closed. Only staff who manage payments open the pages or reach the selectors."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from orders.payments.models import Payment, Refund
from orders.payments.services import payment_simulate, payment_start, refund_create
from orders.payments.staff_queues import payments_needing_attention, refunds_due_for_staff
from orders.services.lifecycle import orders_expire_due, vendor_order_cancel
from orders.services.placement import checkout_complete
from tests.orders.support import cart_with, ready_checkout

from .test_refunds_reconciliation import _paid_by_wompi

pytestmark = pytest.mark.django_db

REFUNDS = reverse("staff:refunds_due")
ATTENTION = reverse("staff:payments_attention")


@pytest.fixture
def post_event(client, django_capture_on_commit_callbacks):
    def post(body: bytes):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post("/webhooks/wompi/", body, content_type="application/json")

    return post


@pytest.fixture
def manual_refund(
    two_vendor_order, shop, wompi, post_event, vendor_member_of, django_capture_on_commit_callbacks
):
    """Part of a Wompi payment: Wompi has no API for it, so staff carry it out."""
    _paid_by_wompi(two_vendor_order, wompi, post_event)
    part = two_vendor_order.vendor_orders.get(vendor=shop)
    with django_capture_on_commit_callbacks(execute=True):
        vendor_order_cancel(vendor_order=part, by=vendor_member_of(shop), reason="Sin existencias")
    return Refund.objects.get(status="manual")


def _paid_with_test_gateway(arepa, capture) -> Payment:
    order = checkout_complete(token=ready_checkout(cart_with((arepa, 1))).token)
    payment = payment_start(order=order, gateway="test")
    with capture(execute=True):
        payment_simulate(payment=payment, decision="approve")
    payment.refresh_from_db()
    return payment


@pytest.mark.parametrize("who", ["citizen", "vendor_owner", "moderator"])
def test_only_staff_who_manage_payments_open_the_pages(client, request, who, manual_refund):
    user = request.getfixturevalue(who)
    client.force_login(user)
    assert client.get(REFUNDS).status_code == 403
    assert client.get(ATTENTION).status_code == 403
    done = client.post(reverse("staff:refund_done", args=[manual_refund.pk]), {"referencia": "X"})
    assert done.status_code == 403
    payment = manual_refund.payment
    give_back = client.post(reverse("staff:payment_refund", args=[payment.pk]), {"valor": "100"})
    assert give_back.status_code == 403
    manual_refund.refresh_from_db()
    assert manual_refund.status == "manual" and payment.refunds.count() == 1
    with pytest.raises(PermissionDenied):
        refunds_due_for_staff(user=user)
    with pytest.raises(PermissionDenied):
        payments_needing_attention(user=user)


def test_a_manual_refund_shows_its_deadline_and_is_marked_done(client, coordinator, manual_refund):
    client.force_login(coordinator)
    html = client.get(REFUNDS).content.decode()
    deadline = timezone.localdate() + timedelta(days=15)
    assert manual_refund.payment.order.number in html and "$\xa017.500" in html
    assert "quedan 15 días" in html and "0 días" in html
    assert str(deadline.day) in html and "Marcar reembolsado" in html

    url = reverse("staff:refund_done", args=[manual_refund.pk])
    blank = client.post(url, {"referencia": "  "}, follow=True)
    assert "Escribe la referencia de la transferencia" in blank.content.decode()
    manual_refund.refresh_from_db()
    assert manual_refund.status == "manual"

    done = client.post(url, {"referencia": "Bancolombia TRF-9921"}, follow=True)
    assert "Registramos el reembolso de $\xa017.500" in done.content.decode()
    manual_refund.refresh_from_db()
    assert (manual_refund.status, manual_refund.staff_reference) == ("done", "Bancolombia TRF-9921")
    assert manual_refund.vendor_order.refund_status == "done"
    assert "No hay reembolsos pendientes." in client.get(REFUNDS).content.decode()
    again = client.post(url, {"referencia": "otra"}, follow=True)
    assert "no espera un trámite manual" in again.content.decode()
    assert client.post(reverse("staff:refund_done", args=[999_999])).status_code == 404
    assert client.post(reverse("staff:payment_refund", args=[999_999])).status_code == 404


def test_an_old_refund_is_shown_out_of_time(client, coordinator, manual_refund):
    Refund.objects.filter(pk=manual_refund.pk).update(
        created_at=timezone.now() - timedelta(days=20)
    )
    client.force_login(coordinator)
    response = client.get(REFUNDS)
    (row,) = response.context["rows"]
    # The cancelled part carries no date of its own: 15 calendar days from the refund.
    assert (row.age_days, row.days_left, row.overdue) == (20, -5, True)
    assert "vencido" in response.content.decode()


def test_a_payment_approved_after_the_order_expired_is_given_back(
    client, coordinator, order, django_capture_on_commit_callbacks
):
    payment = payment_start(order=order, gateway="test")
    orders_expire_due(now=timezone.now() + timedelta(hours=1))
    with django_capture_on_commit_callbacks(execute=True):
        payment_simulate(payment=payment, decision="approve")
    client.force_login(coordinator)
    html = client.get(ATTENTION).content.decode()
    assert payment.reference in html and "después de que el pedido venció" in html
    assert "Devolver $\xa08.500" in html

    url = reverse("staff:payment_refund", args=[payment.pk])
    too_much = client.post(url, {"valor": "9000"}, follow=True)
    assert "El reembolso no puede superar" in too_much.content.decode()
    done = client.post(url, {"valor": "8500"}, follow=True)
    assert "Reembolso de $\xa08.500: Reembolsado." in done.content.decode()
    assert Refund.objects.get(payment=payment).status == "done"
    assert "No hay pagos por revisar." in client.get(ATTENTION).content.decode()


def test_a_payment_pending_past_the_time_to_pay_needs_a_look(client, coordinator, order):
    payment = payment_start(order=order, gateway="test")
    client.force_login(coordinator)
    assert client.get(ATTENTION).context["rows"] == []
    Payment.objects.filter(pk=payment.pk).update(created_at=timezone.now() - timedelta(hours=2))
    html = client.get(ATTENTION).content.decode()
    assert payment.reference in html and "Sigue pendiente después del plazo" in html
    assert "Devolver" not in html


def test_the_pages_cost_the_same_queries_for_one_row_and_for_four(
    client, coordinator, arepa, payment_settings, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)

    def add_rows():
        payment = _paid_with_test_gateway(arepa, django_capture_on_commit_callbacks)
        refund_create(payment=payment, amount=1_000, key=f"staff:{payment.pk}", reason="Prueba")
        Payment.objects.filter(pk=payment.pk).update(flagged=True, flag_reason="test")

    def count(url):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    add_rows()
    one = (count(REFUNDS), count(ATTENTION))
    for _ in range(3):
        add_rows()
    assert len(client.get(REFUNDS).context["rows"]) == 4
    assert len(client.get(ATTENTION).context["rows"]) == 4
    four = (count(REFUNDS), count(ATTENTION))
    assert one == four
    assert four[0] <= 8 and four[1] <= 8
