"""The business's orders in its dashboard: its parts only, the fulfilment steps through the
services, and the export its electronic invoices are made from."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from orders.models import VendorOrder
from orders.services import lifecycle
from orders.services.placement import checkout_complete
from tests.factories import UserFactory

from .support import BUYER, cart_with, ready_checkout

pytestmark = pytest.mark.django_db

ORDERS = "/vender/panel/pedidos/"


def _owner(vendor):
    user = UserFactory()
    vendor.memberships.create(user=user, role="owner")
    return user


def _paid_order(coordinator, *lines, method="delivery"):
    order = checkout_complete(token=ready_checkout(cart_with(*lines), method=method).token)
    return lifecycle.order_mark_paid(order=order, by=coordinator)


@pytest.fixture
def order(arepa, cafe, coordinator):
    return _paid_order(coordinator, (arepa, 2), (cafe, 1))


@pytest.fixture
def owner(shop):
    return _owner(shop)


def _part(order, vendor) -> VendorOrder:
    return VendorOrder.objects.get(order=order, vendor=vendor)


def test_a_business_lists_only_its_parts_with_a_count_in_the_nav(client, order, owner):
    client.force_login(owner)

    html = client.get(ORDERS).content.decode()

    assert order.number in html
    assert "1 pedido pagado por preparar" in html
    assert 'class="dash-nav__count">1<' in html


def test_another_businesss_part_is_not_found(client, order, owner, other_shop):
    client.force_login(owner)
    theirs = _part(order, other_shop)

    assert client.get(f"{ORDERS}{theirs.pk}/").status_code == 404
    response = client.post(f"{ORDERS}{theirs.pk}/cancelar/", {"motivo": "No"})
    assert response.status_code == 404
    assert VendorOrder.objects.get(pk=theirs.pk).status == "to_fulfil"


def test_the_detail_shows_what_the_invoice_needs(client, order, owner, shop):
    client.force_login(owner)

    html = client.get(f"{ORDERS}{_part(order, shop).pk}/").content.decode()

    assert "Arepa de chócolo" in html and "Café de origen" not in html
    assert BUYER["document_number"] in html and BUYER["email"] in html
    assert BUYER["street_address"] in html
    assert "Marcar como enviado" in html


def test_shipping_and_delivering_go_through_the_services(client, order, owner, shop):
    client.force_login(owner)
    part = _part(order, shop)

    refused = client.post(f"{ORDERS}{part.pk}/enviado/", {"transportadora": ""}, follow=True)
    assert VendorOrder.objects.get(pk=part.pk).status == "to_fulfil"
    assert refused.status_code == 200

    client.post(f"{ORDERS}{part.pk}/enviado/", {"transportadora": "Servientrega", "guia": "77"})
    part.refresh_from_db()
    assert (part.status, part.carrier, part.tracking_code) == ("shipped", "Servientrega", "77")

    client.post(f"{ORDERS}{part.pk}/entregado/")
    assert VendorOrder.objects.get(pk=part.pk).status == "delivered"


def test_cancelling_needs_a_reason_and_returns_the_stock(client, order, owner, shop, arepa):
    client.force_login(owner)
    part = _part(order, shop)
    before = arepa.__class__.objects.get(pk=arepa.pk).stock_quantity

    client.post(f"{ORDERS}{part.pk}/cancelar/", {"motivo": "Se acabó la masa"})

    part.refresh_from_db()
    assert part.status == "cancelled" and part.cancel_reason == "Se acabó la masa"
    assert arepa.__class__.objects.get(pk=arepa.pk).stock_quantity == before + 2


def test_the_export_has_one_row_per_line_in_csv_and_xlsx(client, order, owner):
    client.force_login(owner)

    response = client.get(f"{ORDERS}exportar/", {"formato": "csv"})
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    header, *rows = list(csv.reader(io.StringIO(body)))
    row = dict(zip(header, rows[0], strict=True))
    assert len(rows) == 1
    assert (row["pedido"], row["producto"], row["cantidad"]) == (
        order.number,
        "Arepa de chócolo",
        "2",
    )
    assert row["comprador_documento"] == BUYER["document_number"]

    xlsx = client.get(f"{ORDERS}exportar/", {"formato": "xlsx"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert [c.value for c in sheet[2]][0] == order.number


def test_a_bad_period_goes_back_with_a_message(client, order, owner):
    client.force_login(owner)

    response = client.get(f"{ORDERS}exportar/", {"desde": "2026-13-01"}, follow=True)

    assert "Elige un periodo válido" in response.content.decode()


def test_the_list_costs_the_same_queries_for_one_order_and_for_six(
    client, coordinator, arepa, owner
):
    client.force_login(owner)
    _paid_order(coordinator, (arepa, 1))
    with CaptureQueriesContext(connection) as one:
        client.get(ORDERS)
    for _ in range(5):
        _paid_order(coordinator, (arepa, 1))
    with CaptureQueriesContext(connection) as six:
        assert client.get(ORDERS).content.decode().count("order-row__number") == 6

    assert len(six) == len(one)
    assert len(six) <= 14
