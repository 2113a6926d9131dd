"""The signed-in scenarios' fixtures on a small catalogue: accounts that open their pages, an
order history whose figures add up, pending revisions in the queue, added once."""

import pytest
from django.db.models import Sum
from django.test import Client

from bench import accounts_seed
from bench.accounts_seed import MODERATOR_EMAIL, ensure_signed_in_fixtures, vendor_email
from bench.oversell import checkout_listing
from bench.seed import seed
from catalog.models import ModerationCase, ProductRevision
from marketplace.accounts.models import User
from orders.models import Order, OrderLine, VendorOrder
from vendors.models import DeliveryZone, VendorMembership

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(monkeypatch):
    # Smaller histories for a 200-listing catalogue; the shape is the same.
    monkeypatch.setattr(accounts_seed, "ORDERS_FIRST_VENDOR", 60)
    monkeypatch.setattr(accounts_seed, "ORDERS_OTHER_VENDORS", 5)
    seed(listings=200, vendors=4, categories=60, search_index=False, log=lambda _line: None)


def test_fixtures_are_complete_consistent_and_added_once(catalogue):
    report = ensure_signed_in_fixtures(listings=200)
    assert report.rows["orders"] > 0

    owner = User.objects.get(email=vendor_email(1))
    vendor = VendorMembership.objects.get(user=owner, role="owner").vendor
    assert owner.has_perm("accounts.manage_own_vendor")
    assert User.objects.get(email=MODERATOR_EMAIL).has_perm("accounts.moderate_listings")
    assert DeliveryZone.objects.filter(vendor=vendor).exists()

    parts = VendorOrder.objects.filter(vendor=vendor)
    assert parts.count() == 60
    assert VendorOrder.objects.exclude(vendor=vendor).count() == 2 * 5
    for part in VendorOrder.objects.select_related("order"):
        lines = OrderLine.objects.filter(vendor_order=part)
        assert part.subtotal == lines.aggregate(t=Sum("line_total"))["t"] == part.total
        assert part.order.total == part.total
        assert all(line.line_total == line.unit_price * line.quantity for line in lines)
    assert not Order.objects.filter(number__isnull=True).exists()
    assert not Order.objects.filter(status="awaiting_payment").exists()

    pending = ProductRevision.objects.filter(status="pending")
    assert pending.count() == 200 // 5
    assert ModerationCase.objects.filter(decided_at=None, revision__in=pending).count() == 40
    assert not pending.filter(product__vendor=vendor).exists()

    again = ensure_signed_in_fixtures(listings=200)
    assert again.rows == {}
    assert VendorOrder.objects.count() == 70
    assert ProductRevision.objects.filter(status="pending").count() == 40


def test_the_accounts_open_their_lists(catalogue):
    ensure_signed_in_fixtures(listings=200)
    client = Client()
    client.force_login(User.objects.get(email=vendor_email(1)))
    assert client.get("/vender/panel/pedidos/?pagina=2").status_code == 200
    assert client.get("/vender/panel/productos/").status_code == 200
    client.force_login(User.objects.get(email=MODERATOR_EMAIL))
    response = client.get("/consola/publicaciones/")
    assert response.status_code == 200


def test_the_checkout_listing_is_buyable_with_its_stock(catalogue):
    ensure_signed_in_fixtures(listings=200)
    vendor = VendorMembership.objects.get(user__email=vendor_email(1)).vendor
    variant = checkout_listing(vendor.pk, stock=3)
    assert variant.quantity_available == 3
    assert variant.product.status == "published"
