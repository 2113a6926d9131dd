"""Refunds (Wompi voids, manual refunds, staff refunds, retracto) and reconciliation."""

import threading

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from orders.models import Order
from orders.payments.models import Payment, Refund
from orders.payments.reconciliation import reconcile_payments
from orders.payments.services import payment_start, refund_mark_done, refund_request

from .fakes import NEQUI_APPROVED

pytestmark = pytest.mark.django_db


@pytest.fixture
def post_event(client, django_capture_on_commit_callbacks):
    def post(body: bytes):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post("/webhooks/wompi/", body, content_type="application/json")

    return post


def _paid_by_wompi(order, wompi, post_event, **pay):
    payment = payment_start(order=order, gateway="wompi")
    tx = wompi.pay(reference=payment.reference, amount_in_cents=order.total * 100, **pay)
    if tx["status"] == "PENDING":
        tx = wompi.settle(tx["id"])
    post_event(wompi.event(tx))
    payment.refresh_from_db()
    assert payment.status == "approved"
    return payment, tx


def _cancel(part, vendor_member_of, capture):
    from orders.services.lifecycle import vendor_order_cancel

    with capture(execute=True):
        vendor_order_cancel(vendor_order=part, by=vendor_member_of(part.vendor), reason="Sin stock")


def test_a_whole_card_payment_is_voided_by_wompi(
    order, wompi, post_event, vendor_member_of, django_capture_on_commit_callbacks
):
    payment, tx = _paid_by_wompi(order, wompi, post_event)
    _cancel(order.vendor_orders.get(), vendor_member_of, django_capture_on_commit_callbacks)

    refund = Refund.objects.get()
    assert (refund.amount, refund.status) == (8_500, "done")
    assert wompi.transactions[tx["id"]]["status"] == "VOIDED"
    voids = [r for r in wompi.requests if r[1] == f"/v1/transactions/{tx['id']}/void"]
    assert len(voids) == 1 and voids[0][2]["Authorization"] == "Bearer prv_test_3kF9aL0qWm"


def test_part_of_a_wompi_payment_is_recorded_for_staff_to_refund(
    two_vendor_order,
    shop,
    wompi,
    post_event,
    vendor_member_of,
    coordinator,
    citizen,
    django_capture_on_commit_callbacks,
):
    _paid_by_wompi(two_vendor_order, wompi, post_event)
    part = two_vendor_order.vendor_orders.get(vendor=shop)
    _cancel(part, vendor_member_of, django_capture_on_commit_callbacks)

    refund = Refund.objects.get()
    assert (refund.amount, refund.status, refund.vendor_order_id) == (17_500, "manual", part.pk)
    assert not [r for r in wompi.requests if r[1].endswith("/void")]

    with pytest.raises(PermissionDenied):
        refund_mark_done(refund=refund, by=citizen, reference="TRF-1")
    with pytest.raises(ValidationError):
        refund_mark_done(refund=refund, by=coordinator, reference="  ")
    refund_mark_done(refund=refund, by=coordinator, reference="Bancolombia TRF-88231")
    refund.refresh_from_db()
    part.refresh_from_db()
    assert refund.status == "done" and refund.staff_reference == "Bancolombia TRF-88231"
    assert part.refund_status == "done"


def test_a_cancellation_handler_delivered_twice_refunds_once(
    order, wompi, post_event, vendor_member_of, django_capture_on_commit_callbacks
):
    from orders.events import VendorOrderStatusChanged
    from orders.payments.subscribers import refund_cancelled_part

    _paid_by_wompi(order, wompi, post_event)
    part = order.vendor_orders.get()
    _cancel(part, vendor_member_of, django_capture_on_commit_callbacks)
    event = VendorOrderStatusChanged(
        order_id=order.pk, vendor_order_id=part.pk, vendor_id=part.vendor_id, status="cancelled"
    )
    refund_cancelled_part(event)
    refund_cancelled_part(event)
    assert Refund.objects.count() == 1
    assert len([r for r in wompi.requests if r[1].endswith("/void")]) == 1


def test_staff_refunds_cannot_exceed_the_payment(order, wompi, post_event, coordinator, citizen):
    payment, _tx = _paid_by_wompi(order, wompi, post_event, method="NEQUI", phone=NEQUI_APPROVED)
    with pytest.raises(PermissionDenied):
        refund_request(payment=payment, amount=1_000, by=citizen)
    first = refund_request(payment=payment, amount=5_000, by=coordinator, reason="Producto dañado")
    assert first.status == "manual"  # Nequi: no refund API
    with pytest.raises(ValidationError) as exc:
        refund_request(payment=payment, amount=3_501, by=coordinator)
    assert exc.value.error_dict["amount"][0].code == "refund_too_large"
    refund_request(payment=payment, amount=3_500, by=coordinator)
    assert sum(Refund.objects.values_list("amount", flat=True)) == 8_500


def test_reconciliation_applies_a_missed_event_and_is_safe_to_repeat(order, wompi):
    payment = payment_start(order=order, gateway="wompi")
    wompi.pay(reference=payment.reference, amount_in_cents=850_000)  # the event never came

    report = reconcile_payments()
    again = reconcile_payments()

    payment.refresh_from_db()
    order.refresh_from_db()
    assert payment.status == "approved" and order.status == Order.Status.PAID
    assert report.changed == 1 and "provider approved (applied)" in str(report)
    assert again.changed == 0 and again.differences == []


def test_reconciliation_reports_an_unreachable_gateway_and_changes_nothing(order, wompi):
    payment = payment_start(order=order, gateway="wompi")
    wompi.mode = "down"
    report = reconcile_payments()
    assert report.unreachable == 1
    payment.refresh_from_db()
    assert payment.status == "pending"


@pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
    reason="concurrent reconciliations need PostgreSQL (set DATABASE_URL=postgres://...)",
)
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_data")
def test_two_reconciliations_at_once_pay_the_order_once(order, wompi):
    from django.db import connection

    from marketplace.core.models import AuditEvent

    payment = payment_start(order=order, gateway="wompi")
    wompi.pay(reference=payment.reference, amount_in_cents=850_000)
    barrier = threading.Barrier(2)

    def run():
        barrier.wait()
        try:
            reconcile_payments()
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    order.refresh_from_db()
    assert order.status == Order.Status.PAID
    assert AuditEvent.objects.filter(action="order.paid", target_id=str(order.pk)).count() == 1
    assert AuditEvent.objects.filter(action="payment.approved").count() == 1


def test_the_command_and_the_scheduled_job(order, wompi, settings, capsys):
    from marketplace.core.jobs import run_job

    assert "reconcile_payments" in settings.SCHEDULED_JOBS
    payment = payment_start(order=order, gateway="wompi")
    wompi.pay(reference=payment.reference, amount_in_cents=850_000)
    call_command("reconcile_payments")
    assert "1 updated" in capsys.readouterr().out
    assert "0 updated" in run_job("reconcile_payments")
    assert Payment.objects.get().status == "approved"


def test_an_accepted_retracto_is_refunded_through_the_original_gateway(
    two_vendor_order, shop, vendor_member_of, django_capture_on_commit_callbacks
):
    from orders.payments.models import SimulatedCharge
    from orders.payments.services import payment_simulate
    from orders.services import aftercare, lifecycle

    payment = payment_start(order=two_vendor_order, gateway="test")
    with django_capture_on_commit_callbacks(execute=True):
        payment_simulate(payment=payment, decision="approve")
    owner = vendor_member_of(shop)
    part = two_vendor_order.vendor_orders.get(vendor=shop)
    lifecycle.vendor_order_ship(vendor_order=part, by=owner, carrier="Servientrega")
    lifecycle.vendor_order_mark_delivered(vendor_order=part, by=owner)
    retracto = aftercare.order_retracto_request(vendor_order=part, reason="No me quedó")

    with django_capture_on_commit_callbacks(execute=True):
        aftercare.retracto_accept(retracto=retracto, by=owner)

    refund = Refund.objects.get()
    assert (refund.amount, refund.status, refund.key) == (13_500, "done", f"retracto:{part.pk}")
    assert SimulatedCharge.objects.get(reference=payment.reference).refunded == 13_500
    part.refresh_from_db()
    assert part.refund_status == "done"


def test_staff_refund_a_payment_flagged_for_arriving_after_the_order_expired(
    order, coordinator, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.utils import timezone

    from orders.payments.services import payment_simulate
    from orders.services.lifecycle import orders_expire_due

    payment = payment_start(order=order, gateway="test")
    orders_expire_due(now=timezone.now() + timedelta(hours=1))
    with django_capture_on_commit_callbacks(execute=True):
        payment_simulate(payment=payment, decision="approve")
    payment.refresh_from_db()
    assert payment.flagged
    refund = refund_request(payment=payment, amount=8_500, by=coordinator, reason="Pedido vencido")
    assert refund.status == "done"
