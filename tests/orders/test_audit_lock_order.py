"""A checkout holds its stock rows and then appends to the audit log, whose hash chain is
appended under one lock. A transaction that took those two the other way round used to deadlock
with it, and PostgreSQL aborted the checkout: the buyer saw an internal error. Now the checkout
is repeated once the other transaction has finished, and payments lock rows before the log."""

import logging
import threading
import time

import pytest
from django.conf import settings
from django.db import connection, transaction

from catalog.models import ProductVariant
from marketplace.core.audit_chain import _LOCK_ID
from orders.models import Order
from orders.services.placement import checkout_complete

from .support import cart_with, goods, ready_checkout, storefront_vendor

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
        reason="lock order needs PostgreSQL (SQLite serialises whole-database writes)",
    ),
    pytest.mark.django_db(transaction=True),
]


def _waiting_for_audit_lock() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
            " AND objid = %s",
            [_LOCK_ID],
        )
        return cursor.fetchone()[0] > 0


def test_checkout_caught_in_a_deadlock_with_the_audit_lock_is_repeated(reference_data, caplog):
    shop = storefront_vendor(display_name="Arepas Doña Luz", slug="arepas-dona-luz")
    arepa = goods(shop, "Arepa de chócolo", price=4_500, stock=10)
    token = ready_checkout(cart_with((arepa, 2))).token
    log_locked = threading.Event()
    errors = []

    def audit_then_stock():
        # The reverse order: the audit log's lock first, then the stock row the checkout holds.
        try:
            with transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK_ID])
                log_locked.set()
                deadline = time.monotonic() + 10
                while not _waiting_for_audit_lock():
                    assert time.monotonic() < deadline, "the checkout never reached the log"
                    time.sleep(0.02)
                ProductVariant.objects.filter(pk=arepa.pk).update(stock_quantity=11)
        except Exception as exc:  # noqa: BLE001 - reported to the test thread below
            errors.append(exc)
        finally:
            log_locked.set()
            connection.close()

    other = threading.Thread(target=audit_then_stock)
    other.start()
    assert log_locked.wait(10)
    with caplog.at_level(logging.WARNING, logger="marketplace.core.db_retry"):
        order = checkout_complete(token=token)
    other.join()

    assert errors == []
    assert Order.objects.filter(pk=order.pk).exists()
    assert "retrying" in caplog.text
    arepa.refresh_from_db()
    assert (arepa.stock_quantity, arepa.allocated_quantity) == (11, 2)
