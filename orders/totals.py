"""Order arithmetic in one function, shared by the checkout page, the API and the placed order:
per-business subtotal and delivery, the total, and the IVA contained in it by rate. Whole pesos.

Prices include IVA (Ley 1480 art. 26). Each business invoices its own part, so the IVA of a rate
is computed per business on the sum of its lines at that rate (as its invoice would), and the
order's breakdown adds those figures up. Delivery fees are shown apart and carry no breakdown:
each business states its own delivery charge on its invoice."""

from dataclasses import dataclass, field

from catalog.models import Product
from marketplace.core.money import vat_contained

RATES = {Product.TaxClass.IVA_19: 19, Product.TaxClass.IVA_5: 5, Product.TaxClass.EXEMPT: 0}


def vat_rate_for(*, tax_class: str, vat_responsible: bool) -> int | None:
    """The IVA rate of a sale, or None when it carries no IVA (excluded goods, or a seller not
    responsible for IVA)."""
    if not vat_responsible:
        return None
    return RATES.get(tax_class)


@dataclass(frozen=True)
class PricedLine:
    line_total: int
    vat_rate: int | None


@dataclass(frozen=True)
class VendorPart:
    vendor_id: int
    lines: list[PricedLine]
    delivery_fee: int = 0


@dataclass(frozen=True)
class VatLine:
    rate: int
    base: int  # the price without IVA
    vat: int

    def as_json(self) -> dict:
        return {"rate": self.rate, "base": self.base, "vat": self.vat}


@dataclass(frozen=True)
class VendorTotals:
    vendor_id: int
    subtotal: int
    delivery_fee: int
    total: int
    vat: list[VatLine] = field(default_factory=list)


@dataclass(frozen=True)
class Totals:
    vendors: list[VendorTotals]
    subtotal: int
    delivery_total: int
    total: int
    vat: list[VatLine]

    def for_vendor(self, vendor_id: int) -> VendorTotals | None:
        return next((v for v in self.vendors if v.vendor_id == vendor_id), None)


def _vat_by_rate(lines: list[PricedLine]) -> list[VatLine]:
    gross: dict[int, int] = {}
    for line in lines:
        if line.vat_rate is not None:
            gross[line.vat_rate] = gross.get(line.vat_rate, 0) + line.line_total
    result = []
    for rate in sorted(gross, reverse=True):
        vat = vat_contained(gross[rate], rate)
        result.append(VatLine(rate=rate, base=gross[rate] - vat, vat=vat))
    return result


def totals_compute(parts: list[VendorPart]) -> Totals:
    vendors = []
    for part in parts:
        subtotal = sum(line.line_total for line in part.lines)
        vendors.append(
            VendorTotals(
                vendor_id=part.vendor_id,
                subtotal=subtotal,
                delivery_fee=part.delivery_fee,
                total=subtotal + part.delivery_fee,
                vat=_vat_by_rate(part.lines),
            )
        )
    merged: dict[int, tuple[int, int]] = {}
    for vendor in vendors:
        for line in vendor.vat:
            base, vat = merged.get(line.rate, (0, 0))
            merged[line.rate] = (base + line.base, vat + line.vat)
    return Totals(
        vendors=vendors,
        subtotal=sum(v.subtotal for v in vendors),
        delivery_total=sum(v.delivery_fee for v in vendors),
        total=sum(v.total for v in vendors),
        vat=[
            VatLine(rate=rate, base=base, vat=vat)
            for rate, (base, vat) in sorted(merged.items(), reverse=True)
        ],
    )
