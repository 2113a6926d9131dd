"""Programme staff see every order with their report filters and the open complaints with
their age; nobody else opens the page."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from orders.models import Complaint
from orders.services.aftercare import order_complaint_create
from orders.services.placement import checkout_complete

from .support import cart_with, ready_checkout

pytestmark = pytest.mark.django_db

ORDERS = "/consola/pedidos/"


def _order(*lines, **overrides):
    return checkout_complete(token=ready_checkout(cart_with(*lines), **overrides).token)


@pytest.mark.parametrize("who", ["citizen", "vendor_owner", "moderator"])
def test_only_those_who_manage_orders_open_the_page(client, request, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(ORDERS).status_code == 403


def test_filters_by_vendor_municipality_and_status(client, coordinator, arepa, cafe, shop):
    medellin = _order((arepa, 1))
    itagui = _order((cafe, 1), municipality="05360")
    client.force_login(coordinator)

    def numbers(**query):
        return [o.number for o in client.get(ORDERS, query).context["page"]]

    assert set(numbers()) == {medellin.number, itagui.number}
    assert numbers(negocio=shop.pk) == [medellin.number]
    assert numbers(municipio="05360") == [itagui.number]
    assert numbers(estado="paid") == []
    assert numbers(estado="awaiting_payment", desde="2000-01-01", hasta="bad") != []


def test_open_complaints_show_their_age_and_when_they_are_late(client, coordinator, arepa):
    order = _order((arepa, 1))
    complaint = order_complaint_create(order=order, kind="reclamo", message="No ha llegado nada.")
    Complaint.objects.filter(pk=complaint.pk).update(created_at=timezone.now() - timedelta(days=30))
    client.force_login(coordinator)

    html = client.get(ORDERS).content.decode()

    assert complaint.case_number in html
    assert "30 días" in html and "vencida" in html


def test_the_list_costs_the_same_queries_for_one_order_and_for_six(client, coordinator, arepa):
    client.force_login(coordinator)
    _order((arepa, 1))
    with CaptureQueriesContext(connection) as one:
        client.get(ORDERS)
    for _ in range(5):
        _order((arepa, 1))
    with CaptureQueriesContext(connection) as six:
        client.get(ORDERS)
    assert len(six) == len(one) <= 16
