"""Any window of search results, read through the page-based search service.

GraphQL pages by cursor (an offset), the service by page number and size. A window of positions
[start, stop) is served by the one page size (up to the service's maximum) whose page holds the
whole window, or else by two adjacent pages of the window's size, so a request costs at most two
searches whatever `first` and `after` are. Products are then loaded once, through the
catalogue's visibility rule (`products_for_result`).
"""

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace

from catalog.models import Product
from search.services import products_for_result, search_products
from search.types import MAX_PAGE_SIZE, MAX_RESULT_WINDOW, SearchFilters, SearchResult


def service_pages(start: int, stop: int) -> list[tuple[int, int]]:
    """(page, page_size) pairs that cover positions [start, stop); the window holds at most
    MAX_PAGE_SIZE positions."""
    size = stop - start
    for page_size in range(size, MAX_PAGE_SIZE + 1):
        if start // page_size == (stop - 1) // page_size:
            return [(start // page_size + 1, page_size)]
    page = start // size + 1
    return [(page, size), (page + 1, size)]


@dataclass(frozen=True)
class Window:
    # The first search's result: total, facets, suggestion (the same for every page).
    result: SearchResult
    # (position, product) in rank order; a product hidden since it was indexed is left out.
    products: list[tuple[int, Product]] = field(default_factory=list)


def search_window(
    query: str | None, filters: SearchFilters, sort: str, start: int, stop: int
) -> Window:
    start = max(start, 0)
    stop = min(max(stop, start), start + MAX_PAGE_SIZE)
    if stop == start or start >= MAX_RESULT_WINDOW:
        # Nothing to show, but the total and facets are still wanted; no backend pages past
        # MAX_RESULT_WINDOW, so asking for that page would only be clamped to another one.
        result = search_products(query, filters, sort, page=1, page_size=1)
        return Window(replace(result, product_ids=[], highlights={}))

    positions: dict[int, int] = {}
    first = None
    for page, page_size in service_pages(start, stop):
        result = search_products(query, filters, sort, page=page, page_size=page_size)
        first = first or result
        offset = (page - 1) * page_size
        for index, pk in enumerate(result.product_ids):
            if start <= offset + index < stop:
                positions.setdefault(pk, offset + index)
        if offset + page_size >= result.total:
            break  # the last page: a second one would be empty
    products = products_for_result(replace(first, product_ids=list(positions)))
    return Window(first, [(positions[product.pk], product) for product in products])


class RankedProducts(Sequence):
    """A search's matches as the sequence graphene-django's connection field slices: its length
    is the backend's total, and only the positions the connection keeps are fetched.

    The connection asks for the length first, so the window the request's `first`/`after`
    point at (`guess`) is fetched then, with the total; the slices that follow are served from
    it. `reverse` reads the backend's order backwards (oldest first from its newest first).
    """

    def __init__(
        self,
        query: str,
        filters: SearchFilters,
        sort: str,
        *,
        reverse: bool = False,
        guess: tuple[int, int] = (0, MAX_PAGE_SIZE),
        _state: dict | None = None,
        _bounds: tuple[int, int | None] = (0, None),
    ):
        self._state = _state or {
            "search": (query, filters, sort),
            "reverse": reverse,
            "guess": guess,
            "total": None,
            "found": {},  # position -> product
            "covered": [],  # fetched [start, stop) ranges
        }
        self._bounds = _bounds

    # The backend's answer --------------------------------------------------------------------

    def _total(self) -> int:
        state = self._state
        if state["total"] is None:
            if state["reverse"]:
                # Which backend positions a reversed window maps to depends on the total.
                query, filters, sort = state["search"]
                state["total"] = search_window(query, filters, sort, 0, 0).result.total
            else:
                self._fetch(*state["guess"])
        return state["total"]

    def _fetch(self, start: int, stop: int) -> None:
        state = self._state
        known = state["total"] is not None
        if known and (stop <= start or any(a <= start and stop <= b for a, b in state["covered"])):
            return
        query, filters, sort = state["search"]
        if state["reverse"]:
            total = self._total()
            window = search_window(query, filters, sort, total - stop, total - start)
            found = {total - 1 - position: product for position, product in window.products}
        else:
            window = search_window(query, filters, sort, start, stop)
            found = dict(window.products)
        state["total"] = window.result.total
        state["found"].update(found)
        state["covered"].append((start, min(stop, start + MAX_PAGE_SIZE)))

    # Sequence ----------------------------------------------------------------------------------

    def _range(self) -> tuple[int, int]:
        start, stop = self._bounds
        total = self._total()
        stop = total if stop is None else min(stop, total)
        return min(start, stop), stop

    def __len__(self) -> int:
        start, stop = self._range()
        return stop - start

    def __getitem__(self, index):
        start, stop = self._range()
        if isinstance(index, slice):
            if index.step not in (None, 1):
                raise ValueError("RankedProducts slices take no step")
            low, high, _step = index.indices(stop - start)
            return RankedProducts(
                "", SearchFilters(), "", _state=self._state, _bounds=(start + low, start + high)
            )
        items = list(self)
        return items[index]

    def __iter__(self) -> Iterator[Product]:
        start, stop = self._range()
        found = self._state["found"]
        for chunk in range(start, stop, MAX_PAGE_SIZE):
            self._fetch(chunk, min(chunk + MAX_PAGE_SIZE, stop))
        for position in range(start, stop):
            if position in found:
                yield found[position]
