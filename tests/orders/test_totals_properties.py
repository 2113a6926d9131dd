"""Properties of order arithmetic: the parts add up, and the IVA contained stays inside them."""

from hypothesis import given
from hypothesis import strategies as st

from marketplace.core.money import vat_contained
from orders.totals import PricedLine, VendorPart, totals_compute
from tests.properties import bounded

line = st.builds(
    PricedLine,
    line_total=st.integers(min_value=0, max_value=99 * 1_000_000),
    vat_rate=st.sampled_from([None, 0, 5, 19]),
)
parts = st.lists(
    st.builds(
        VendorPart,
        vendor_id=st.integers(min_value=1, max_value=10_000),
        lines=st.lists(line, max_size=6),
        delivery_fee=st.integers(min_value=0, max_value=500_000),
    ),
    max_size=4,
    unique_by=lambda part: part.vendor_id,
)


@bounded
@given(parts=parts)
def test_totals_add_up_per_business_and_for_the_order(parts):
    totals = totals_compute(parts)
    for part, vendor in zip(parts, totals.vendors, strict=True):
        assert vendor.subtotal == sum(item.line_total for item in part.lines)
        assert vendor.total == vendor.subtotal + vendor.delivery_fee
        assert totals.for_vendor(part.vendor_id) is vendor
    assert totals.subtotal == sum(v.subtotal for v in totals.vendors)
    assert totals.delivery_total == sum(v.delivery_fee for v in totals.vendors)
    assert totals.total == totals.subtotal + totals.delivery_total


@bounded
@given(parts=parts)
def test_iva_contained_never_exceeds_what_it_is_contained_in(parts):
    totals = totals_compute(parts)
    for part, vendor in zip(parts, totals.vendors, strict=True):
        taxed = sum(item.line_total for item in part.lines if item.vat_rate is not None)
        assert sum(row.base + row.vat for row in vendor.vat) == taxed
        assert all(0 <= row.vat <= row.base + row.vat for row in vendor.vat)
        for row in vendor.vat:
            # Each business states its IVA per rate on the sum of its lines at that rate.
            gross = sum(item.line_total for item in part.lines if item.vat_rate == row.rate)
            assert row.vat == vat_contained(gross, row.rate)
    assert sum(row.vat for row in totals.vat) <= totals.subtotal <= totals.total
    # The order's breakdown is the businesses' figures added up, rate by rate.
    for row in totals.vat:
        assert row.vat == sum(
            v.vat for vendor in totals.vendors for v in vendor.vat if v.rate == row.rate
        )
        assert [r.rate for r in totals.vat] == sorted({r.rate for r in totals.vat}, reverse=True)
