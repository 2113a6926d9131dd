"""Demo portfolios of the 30 active demo vendors (vendors.demo_data.BUSINESSES[:30]), parsed from
the hand-written lines in `demo_portfolio_goods` and `demo_portfolio_services`.

PORTFOLIOS maps a business name to (category slug, kind, entries); each entry is
(name, price in pesos, description, pricing mode, extras) where extras may hold a `category`
other than the business's and `variants` as [(option, value, price), ...]."""

from .demo_portfolio_goods import GOODS
from .demo_portfolio_services import SERVICE_AREAS, SERVICES

G, S = "goods", "service"
MODES = {"desde": "from", "cotizar": "quote"}


def parse_listing(line: str) -> tuple:
    name, price, description, *rest = (part.strip() for part in line.split(" | "))
    mode, extras = "fixed", {}
    for part in rest:
        if part in MODES:
            mode = MODES[part]
        elif part.startswith("cat="):
            extras["category"] = part.removeprefix("cat=")
        else:
            option, _, values = part.partition(":")
            extras["variants"] = [
                (option.strip(), value.strip(), int(amount))
                for value, amount in (item.rsplit("=", 1) for item in values.split(","))
            ]
    return (name, int(price), description, mode, extras)


def _portfolios(source: dict, kind: str) -> dict:
    return {
        business: (category, kind, [parse_listing(line) for line in text.strip().splitlines()])
        for business, (category, text) in source.items()
    }


PORTFOLIOS = {**_portfolios(GOODS, G), **_portfolios(SERVICES, S)}

__all__ = ["PORTFOLIOS", "SERVICE_AREAS", "parse_listing"]
