"""The checkout scenario's verdict on the stock, from the rows it reads."""

from bench.checkout_load import Tally, percentile, summary
from bench.oversell import Sale, summary_line, verdict


def _sale(order_id, status="paid", quantity=1, *, released=False, line_total=None, parts=None):
    total = 20_000 * quantity if line_total is None else line_total
    return Sale(
        order_id=order_id,
        order_status=status,
        stock_released=released,
        quantity=quantity,
        unit_price=20_000,
        line_total=total,
        part_subtotal=total,
        part_lines_total=total,
        order_total=total if parts is None else parts,
        order_parts_total=total,
    )


def _verdict(sales, *, stock_after, allocated=0, failures=0, server_errors=0, seeded=3):
    return verdict(
        seeded=seeded,
        stock_quantity=stock_after,
        allocated=allocated,
        sales=sales,
        refused=2,
        failures=failures,
        server_errors=server_errors,
    )


def test_a_clean_sell_out_passes_every_check():
    sales = [
        _sale(1),
        _sale(2),
        _sale(3, status="completed"),
        _sale(4, status="expired", released=True),
    ]
    result = _verdict(sales, stock_after=0)
    assert result["ok"] and not result["oversold"]
    assert (result["sold"], result["reserved"], result["paid_orders"]) == (3, 0, 3)
    assert "no oversell" in summary_line(result)


def test_units_reserved_by_unpaid_orders_count_against_the_stock():
    sales = [_sale(1), _sale(2, status="awaiting_payment")]
    result = _verdict(sales, stock_after=2, allocated=1)
    assert result["ok"]
    assert (
        _verdict(sales, stock_after=2, allocated=0)["checks"]["reservations match unpaid orders"]
        is False
    )


def test_selling_more_than_the_stock_is_an_oversell():
    sales = [_sale(n) for n in range(1, 5)]
    result = _verdict(sales, stock_after=-1)
    assert result["oversold"] and not result["ok"]
    assert not result["checks"]["sold within stock"]
    assert not result["checks"]["stock never negative"]
    assert summary_line(result).startswith("**OVERSOLD**")


def test_stock_that_does_not_match_the_sales_fails_without_oversell():
    result = _verdict([_sale(1)], stock_after=1)
    assert not result["oversold"]
    assert not result["checks"]["stock accounts for every unit sold"]


def test_paid_orders_whose_figures_do_not_add_up_are_named():
    sales = [_sale(1, line_total=19_000), _sale(2, parts=1), _sale(3)]
    result = _verdict(sales, stock_after=0)
    assert result["inconsistent_orders"] == [1, 2]
    assert not result["ok"] and not result["oversold"]


def test_a_server_error_or_a_refusal_other_than_stock_fails_the_check():
    assert not _verdict([], stock_after=3, server_errors=1)["ok"]
    assert not _verdict([], stock_after=3, failures=1)["ok"]


def test_figures_are_those_of_completed_purchases():
    tally = Tally(completed=[100.0, 200.0, 300.0, 400.0], refused=[5.0])
    tally.refusal_codes["out_of_stock"] = 1
    measured = summary(tally, 2.0)
    assert measured["requests"] == 4
    assert measured["p50"] in (200.0, 300.0)
    assert measured["p99"] == 400.0
    assert measured["refused_for_stock"] == 1
    assert percentile([], 0.95) == 0.0
