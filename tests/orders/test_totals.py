"""Totals and the IVA contained in them, on worked examples (whole pesos, IVA included in
prices: IVA = gross x rate / (100 + rate), rounded half up, per business and rate)."""

from orders.totals import PricedLine, VendorPart, totals_compute, vat_rate_for


def test_two_businesses_with_mixed_rates_and_delivery():
    totals = totals_compute(
        [
            # A bakery responsible for IVA: 3 x 4.500 at 19 %, 2 x 10.000 at 5 %, exempt eggs.
            VendorPart(
                vendor_id=1,
                lines=[PricedLine(13_500, 19), PricedLine(20_000, 5), PricedLine(12_000, 0)],
                delivery_fee=4_000,
            ),
            # A designer not responsible for IVA: no IVA at all.
            VendorPart(vendor_id=2, lines=[PricedLine(350_000, None)], delivery_fee=0),
        ]
    )
    bakery = totals.for_vendor(1)
    assert (bakery.subtotal, bakery.delivery_fee, bakery.total) == (45_500, 4_000, 49_500)
    # 13.500 x 19/119 = 2.155,46 -> 2.155; 20.000 x 5/105 = 952,38 -> 952.
    assert [(v.rate, v.base, v.vat) for v in bakery.vat] == [
        (19, 11_345, 2_155),
        (5, 19_048, 952),
        (0, 12_000, 0),
    ]
    assert (totals.subtotal, totals.delivery_total, totals.total) == (395_500, 4_000, 399_500)
    assert [(v.rate, v.vat) for v in totals.vat] == [(19, 2_155), (5, 952), (0, 0)]


def test_iva_is_computed_on_each_business_sum_not_line_by_line():
    # Three lines of 1.000 at 19 %: 159,66 each would round to 160 x 3 = 480; the invoice
    # computes 3.000 x 19/119 = 479,0 -> 479.
    totals = totals_compute([VendorPart(1, [PricedLine(1_000, 19)] * 3)])
    assert totals.vat[0].vat == 479


def test_rates_follow_the_tax_class_and_the_seller():
    assert vat_rate_for(tax_class="iva_19", vat_responsible=True) == 19
    assert vat_rate_for(tax_class="iva_5", vat_responsible=True) == 5
    assert vat_rate_for(tax_class="exento", vat_responsible=True) == 0
    assert vat_rate_for(tax_class="excluido", vat_responsible=True) is None
    assert vat_rate_for(tax_class="iva_19", vat_responsible=False) is None


def test_an_empty_checkout_totals_zero():
    totals = totals_compute([])
    assert (totals.subtotal, totals.total, totals.vat) == (0, 0, [])
