"""What goes into a search and what comes out, the same for every backend."""

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from catalog.models import Product
from marketplace.core.money import format_cop

MAX_PAGE_SIZE = 100
# Deep pages cost every backend more than they are worth (Elasticsearch refuses past 10 000).
MAX_RESULT_WINDOW = 10_000

RELEVANCE = "relevance"
SORTS = (RELEVANCE, "newest", "price_asc", "price_desc")

FACET_FIELDS = ("category", "municipality", "vendor", "kind", "price")


@dataclass(frozen=True)
class PriceRange:
    key: str
    low: int | None  # inclusive
    high: int | None  # exclusive

    @property
    def label(self) -> str:
        if self.low is None:
            return str(_("Menos de %(high)s") % {"high": format_cop(self.high)})
        if self.high is None:
            return str(_("Desde %(low)s") % {"low": format_cop(self.low)})
        return f"{format_cop(self.low)} – {format_cop(self.high)}"

    def contains(self, price: int | None) -> bool:
        if price is None:
            return False
        return (self.low is None or price >= self.low) and (self.high is None or price < self.high)


# Bands that split the programme's catalogue (snacks to furniture and professional services)
# into similar-sized groups; keys are stable because pages put them in URLs.
PRICE_RANGES = (
    PriceRange("0-20000", None, 20_000),
    PriceRange("20000-50000", 20_000, 50_000),
    PriceRange("50000-100000", 50_000, 100_000),
    PriceRange("100000-200000", 100_000, 200_000),
    PriceRange("200000-", 200_000, None),
)
PRICE_RANGE_BY_KEY = {r.key: r for r in PRICE_RANGES}


def _int_or_none(value) -> int | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if 0 <= number <= 10**12 else None


@dataclass(frozen=True)
class SearchFilters:
    """Slugs, not objects, so a URL or a GraphQL input maps onto it directly. `category`
    includes its descendants. Price bounds are inclusive; `price_range` is a PRICE_RANGES key."""

    category: str = ""
    municipality: str = ""
    vendor: str = ""
    kind: str = ""
    price_range: str = ""
    price_min: int | None = None
    price_max: int | None = None
    in_stock: bool = False

    @classmethod
    def from_mapping(cls, data: Mapping | None) -> "SearchFilters":
        """From query parameters or API input; anything malformed is dropped, never raised."""
        data = data or {}

        def text(name):
            value = data.get(name)
            return str(value).strip()[:140] if value not in (None, "") else ""

        kind = text("kind")
        price_range = text("price_range") or text("price")
        return cls(
            category=text("category"),
            municipality=text("municipality"),
            vendor=text("vendor"),
            kind=kind if kind in Product.Kind.values else "",
            price_range=price_range if price_range in PRICE_RANGE_BY_KEY else "",
            price_min=_int_or_none(data.get("price_min")),
            price_max=_int_or_none(data.get("price_max")),
            in_stock=str(data.get("in_stock", "")).lower() in {"1", "true", "on", "yes", "si"},
        )

    def price_bounds(self) -> tuple[int | None, int | None]:
        """(inclusive low, exclusive high) combining the range key and the explicit bounds."""
        low, high = self.price_min, None if self.price_max is None else self.price_max + 1
        band = PRICE_RANGE_BY_KEY.get(self.price_range)
        if band is not None:
            if band.low is not None:
                low = band.low if low is None else max(low, band.low)
            if band.high is not None:
                high = band.high if high is None else min(high, band.high)
        return low, high

    def selected(self, facet: str) -> str:
        return {"price": self.price_range}.get(facet, getattr(self, facet, "")) or ""


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass(frozen=True)
class SearchResult:
    query: str
    product_ids: list[int]
    total: int
    page: int
    page_size: int
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    # product id -> {"name": html, "description": html}; text is escaped, matches in <mark>.
    highlights: dict[int, dict[str, str]] = field(default_factory=dict)
    # "¿Quisiste decir ...?" when a query word is unknown to the index.
    suggestion: str | None = None
    # True when the results are for the suggestion or fuzzy matches, not the exact words.
    corrected: bool = False
    # Words of the query, as typed, that no listing has and that were left out; `searched` is
    # what the results are for then ("Sin resultados para «baratos»; mostramos resultados para
    # «bolsos de tela»").
    left_out: tuple[str, ...] = ()
    searched: str = ""
    # True when no listing holds every word and the results hold only some of them, those
    # holding more (and rarer) words first.
    partial: bool = False
    # True when matches were too many to count: `total` is an estimate and facet counts are
    # scaled from the newest matches.
    estimated: bool = False
    backend: str = ""
    # True when the configured backend was down and the database answered instead.
    degraded: bool = False

    @property
    def num_pages(self) -> int:
        return max((min(self.total, MAX_RESULT_WINDOW) + self.page_size - 1) // self.page_size, 1)

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1


@dataclass(frozen=True)
class SuggestionItem:
    kind: str  # "product" | "category" | "vendor"
    value: str  # slug
    label: str


@dataclass(frozen=True)
class Suggestions:
    prefix: str
    products: list[SuggestionItem] = field(default_factory=list)
    categories: list[SuggestionItem] = field(default_factory=list)
    vendors: list[SuggestionItem] = field(default_factory=list)

    def __iter__(self):
        yield from self.products
        yield from self.categories
        yield from self.vendors
