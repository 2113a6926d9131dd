"""Races that must never sell what does not exist, place an order twice or release stock
twice. Real threads against PostgreSQL, each with its own connection."""

import threading
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from catalog.models import ProductVariant
from orders.models import Order
from orders.services.lifecycle import order_expire, orders_expire_due
from orders.services.placement import checkout_complete

from .support import cart_with, goods, ready_checkout, storefront_vendor

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
        reason="concurrent buyers need PostgreSQL (SQLite serialises whole-database writes)",
    ),
    pytest.mark.django_db(transaction=True),
]


def _race(count: int, work) -> list:
    barrier, outcomes, lock = threading.Barrier(count), [], threading.Lock()

    def run(index):
        try:
            barrier.wait()
            result = work(index)
        except ValidationError as exc:
            result = sorted(e.code for errors in exc.error_dict.values() for e in errors)
        finally:
            connection.close()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_forty_buyers_for_ten_units_get_exactly_ten_orders(reference_data):
    shop = storefront_vendor(display_name="Arepas Doña Luz", slug="arepas-dona-luz")
    arepa = goods(shop, "Arepa de chócolo", price=4_500, stock=10)
    tokens = [ready_checkout(cart_with((arepa, 1))).token for _ in range(40)]

    outcomes = _race(40, lambda i: checkout_complete(token=tokens[i]).pk)

    placed = [o for o in outcomes if isinstance(o, int)]
    assert len(placed) == 10 and len(set(placed)) == 10
    assert all(o == ["insufficient_stock"] for o in outcomes if not isinstance(o, int))
    assert Order.objects.count() == 10
    arepa.refresh_from_db()
    assert arepa.stock_quantity - arepa.allocated_quantity == 0


def test_the_same_checkout_completed_at_once_gives_one_order(reference_data):
    shop = storefront_vendor(display_name="Arepas Doña Luz", slug="arepas-dona-luz")
    arepa = goods(shop, "Arepa de chócolo", price=4_500, stock=10)
    token = ready_checkout(cart_with((arepa, 3))).token

    outcomes = _race(6, lambda i: checkout_complete(token=token).pk)

    assert len(set(outcomes)) == 1 and isinstance(outcomes[0], int)
    assert Order.objects.count() == 1
    arepa.refresh_from_db()
    assert arepa.allocated_quantity == 3


def test_expiry_run_twice_at_once_releases_stock_once(reference_data):
    shop = storefront_vendor(display_name="Arepas Doña Luz", slug="arepas-dona-luz")
    arepa = goods(shop, "Arepa de chócolo", price=4_500, stock=10)
    order = checkout_complete(token=ready_checkout(cart_with((arepa, 4))).token)
    ProductVariant.objects.filter(pk=arepa.pk).update(allocated_quantity=6)  # 2 held elsewhere
    Order.objects.filter(pk=order.pk).update(expires_at=timezone.now() - timedelta(minutes=1))

    outcomes = _race(4, lambda i: orders_expire_due() if i % 2 else order_expire(order=order))

    assert sum(int(o) for o in outcomes) == 1
    arepa.refresh_from_db()
    assert arepa.allocated_quantity == 2
    order.refresh_from_db()
    assert order.status == Order.Status.EXPIRED and order.stock_released
