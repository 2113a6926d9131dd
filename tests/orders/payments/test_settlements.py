"""Settlements: each business's share after commission and the gateway fee rule, refunds
deducted, payouts recorded once by staff, reports as page, CSV, XLSX and API, and each business
sees only its own."""

from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from graphql_relay import to_global_id
from openpyxl import load_workbook

from orders.payments.services import payment_simulate, payment_start, refund_request
from orders.payments.services.settlements import settlement_mark_paid
from orders.payments.settlements import settlements_for_staff, settlements_for_vendor

pytestmark = pytest.mark.django_db


@pytest.fixture
def paid(two_vendor_order, django_capture_on_commit_callbacks):
    payment = payment_start(order=two_vendor_order, gateway="test")
    with django_capture_on_commit_callbacks(execute=True):
        payment_simulate(payment=payment, decision="approve")
    two_vendor_order.refresh_from_db()
    assert two_vendor_order.status == "paid"
    return two_vendor_order


def _by_vendor(rows):
    return {row.vendor_order.vendor_id: row for row in rows}


def test_default_commission_is_zero_and_the_programme_bears_the_fee(paid, shop, cafe, coordinator):
    rows = _by_vendor(settlements_for_staff(user=coordinator))
    mine = rows[shop.pk].amounts
    assert (mine.gross, mine.commission, mine.gateway_fee, mine.net) == (17_500, 0, 0, 17_500)
    assert rows[cafe.vendor_id].amounts.net == 36_000


def test_commission_fee_rule_and_refunds_change_the_share(paid, shop, coordinator, settings):
    settings.PAYMENT_COMMISSION_PERCENT = 10
    settings.SETTLEMENT_FEE_RULE = "vendor"
    settings.PAYMENT_GATEWAY_FEE_PERCENT = 2.65
    mine = _by_vendor(settlements_for_staff(user=coordinator))[shop.pk].amounts
    # 10 % of 17.500 = 1.750; 2,65 % of 17.500 = 463,75 -> 464.
    assert (mine.commission, mine.gateway_fee, mine.net) == (1_750, 464, 15_286)


def test_a_payout_is_recorded_once_and_freezes_the_amounts(paid, shop, coordinator, settings):
    part = paid.vendor_orders.get(vendor=shop)
    with pytest.raises(ValidationError):
        settlement_mark_paid(vendor_order=part, by=coordinator, reference=" ")
    settlement = settlement_mark_paid(vendor_order=part, by=coordinator, reference="TRF 4411")
    assert settlement.net == 17_500
    with pytest.raises(ValidationError) as exc:
        settlement_mark_paid(vendor_order=part, by=coordinator, reference="TRF 4412")
    assert exc.value.error_dict["vendorOrder"][0].code == "settlement_already_paid"
    settings.PAYMENT_COMMISSION_PERCENT = 50  # later changes never touch a paid settlement
    row = _by_vendor(settlements_for_staff(user=coordinator))[shop.pk]
    assert row.status == "paid" and row.amounts.net == 17_500


def test_refunds_are_deducted(paid, shop, coordinator):
    refund_request(payment=paid.payments.get(), amount=2_000, by=coordinator)
    # A staff refund is not tied to a part; a cancelled part's refund is.
    from orders.payments.models import Refund

    Refund.objects.update(vendor_order=paid.vendor_orders.get(vendor=shop))
    mine = _by_vendor(settlements_for_staff(user=coordinator))[shop.pk].amounts
    assert mine.gross == 15_500


def test_only_staff_and_the_vendors_own_members(paid, shop, other_shop, vendor_member_of, citizen):
    with pytest.raises(PermissionDenied):
        settlements_for_staff(user=citizen)
    member = vendor_member_of(shop)
    rows = settlements_for_vendor(user=member, vendor=shop)
    assert [row.vendor_order.vendor_id for row in rows] == [shop.pk]
    with pytest.raises(PermissionDenied):
        settlements_for_vendor(user=member, vendor=other_shop)
    with pytest.raises(PermissionDenied):
        settlement_mark_paid(
            vendor_order=paid.vendor_orders.get(vendor=shop), by=member, reference="x"
        )


def test_unpaid_orders_are_not_settled(two_vendor_order, coordinator):
    assert settlements_for_staff(user=coordinator) == []


def test_the_staff_page_and_its_exports(client, paid, shop, coordinator):
    client.force_login(coordinator)
    url = reverse("staff:settlements")
    page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200 and "Liquidaciones" in html and "Marcar pagada" in html
    part = paid.vendor_orders.get(vendor=shop)
    response = client.post(
        reverse("staff:settlement_pay", args=[part.pk]),
        {"referencia": "TRF-9", "volver": "https://evil.example/"},
    )
    assert response["Location"] == url
    assert "Pagada · TRF-9" in client.get(url).content.decode()

    csv_text = b"".join(client.get(url, {"formato": "csv"}).streaming_content).decode("utf-8-sig")
    assert "Negocio,NIT,Pedido" in csv_text and f"{paid.number}" in csv_text and "TRF-9" in csv_text
    xlsx = client.get(url, {"formato": "xlsx"})
    sheet = load_workbook(BytesIO(xlsx.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][0] == "Negocio" and len(values) == 3
    assert {row[7] for row in values[1:]} == {17_500, 36_000}


def test_the_staff_page_is_for_staff(client, citizen):
    client.force_login(citizen)
    assert client.get(reverse("staff:settlements")).status_code == 403


SETTLEMENTS = """
query($vendor: ID) { settlements(vendor: $vendor) { orderNumber net { amount } status } }"""
VENDOR_SETTLEMENTS = """
query($vendor: ID!) { vendorSettlements(vendor: $vendor) { orderNumber net { amount } status } }"""
MARK_PAID = """
mutation($id: ID!, $ref: String!) {
  settlementMarkPaid(vendorOrder: $id, reference: $ref) {
    settlement { status payoutReference net { amount } } errors { field code message }
  }
}"""


def test_settlements_through_the_api(
    gql, mutate, paid, shop, other_shop, coordinator, vendor_member_of
):
    shop_id = to_global_id("Vendor", shop.pk)
    data = gql(SETTLEMENTS, {"vendor": shop_id}, user=coordinator)["data"]["settlements"]
    assert data == [{"orderNumber": paid.number, "net": {"amount": 17_500}, "status": "PENDING"}]

    part = paid.vendor_orders.get(vendor=shop)
    result = mutate(
        MARK_PAID, {"id": to_global_id("VendorOrder", part.pk), "ref": "TRF 1"}, user=coordinator
    )
    assert result["errors"] == [] and result["settlement"]["status"] == "PAID"

    member = vendor_member_of(shop)
    mine = gql(VENDOR_SETTLEMENTS, {"vendor": shop_id}, user=member)["data"]["vendorSettlements"]
    assert [row["status"] for row in mine] == ["PAID"]
    theirs = gql(VENDOR_SETTLEMENTS, {"vendor": to_global_id("Vendor", other_shop.pk)}, user=member)
    assert theirs.get("errors") and not (theirs.get("data") or {}).get("vendorSettlements")
    refused = mutate(
        MARK_PAID, {"id": to_global_id("VendorOrder", part.pk), "ref": "TRF 2"}, user=member
    )
    assert [e["code"] for e in refused["errors"]] == ["permission_denied"]


def test_the_vendor_sees_only_its_own_settlements_in_the_dashboard(
    client, paid, shop, other_shop, vendor_member_of
):
    client.force_login(vendor_member_of(shop))
    page = client.get(reverse("vendors:settlements"))
    html = page.content.decode()
    assert page.status_code == 200 and paid.number in html
    assert "$\xa017.500" in html and "$\xa036.000" not in html
