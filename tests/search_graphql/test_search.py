"""`search` and `searchSuggestions`, and `products(filter: {search})`: the same backend, the
same order as search.services, facets that feed back into the filter."""

import pytest
from graphql_relay import offset_to_cursor

from search.graphql.window import service_pages
from search.services import search_products
from tests.search.conftest import product

from .conftest import reindex

SEARCH = """
query($query: String, $filter: SearchFilterInput, $sortBy: SearchSort, $first: Int,
      $after: String) {
  search(query: $query, filter: $filter, sortBy: $sortBy, first: $first, after: $after) {
    totalCount query suggestion corrected
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { slug name vendor { slug } } }
    facets { field values { value label count selected } }
  }
}
"""
PRODUCTS = """
query($filter: ProductFilterInput, $sortBy: ProductSortInput, $first: Int, $after: String) {
  products(filter: $filter, sortBy: $sortBy, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { slug } }
  }
}
"""
SUGGESTIONS = """
query($prefix: String!) { searchSuggestions(prefix: $prefix) { kind label slug url } }
"""


def search(data, **variables):
    return data(SEARCH, variables)["search"]


def slugs(page) -> list[str]:
    return [edge["node"]["slug"] for edge in page["edges"]]


def service_slugs(catalogue, query, **kwargs) -> list[str]:
    by_pk = {p.pk: p.slug for p in catalogue.values() if hasattr(p, "slug") and hasattr(p, "kind")}
    return [by_pk[pk] for pk in search_products(query, page_size=100, **kwargs).product_ids]


def facet(page, field) -> dict:
    return {
        value["value"]: value
        for group in page["facets"]
        if group["field"] == field
        for value in group["values"]
    }


# search


def test_results_match_the_search_services_order(data, catalogue):
    page = search(data, query="arepas")

    assert slugs(page) == service_slugs(catalogue, "arepas")
    assert set(slugs(page)[:2]) == {catalogue["arepa"].slug, catalogue["arepas"].slug}
    assert page["totalCount"] == 3
    assert page["query"] == "arepas"
    assert page["suggestion"] is None and page["corrected"] is False
    assert page["edges"][0]["cursor"] == offset_to_cursor(0)
    assert page["pageInfo"] == {
        "hasNextPage": False,
        "hasPreviousPage": False,
        "startCursor": offset_to_cursor(0),
        "endCursor": offset_to_cursor(2),
    }


def test_facets_count_what_selecting_them_returns(data, catalogue):
    page = search(data, query="arepas")

    assert [group["field"] for group in page["facets"]] == [
        "CATEGORY",
        "MUNICIPALITY",
        "VENDOR",
        "KIND",
        "PRICE",
    ]
    assert facet(page, "KIND") == {
        "GOODS": {"value": "GOODS", "label": "Producto", "count": 3, "selected": False}
    }
    filters = {
        "CATEGORY": "category",
        "MUNICIPALITY": "municipality",
        "VENDOR": "vendor",
        "KIND": "kind",
        "PRICE": "priceRange",
    }
    for group in page["facets"]:
        for value in group["values"]:
            narrowed = search(
                data, query="arepas", filter={filters[group["field"]]: value["value"]}
            )
            assert narrowed["totalCount"] == value["count"], (group["field"], value)
            if group["field"] != "CATEGORY":  # a selected category lists its children
                assert facet(narrowed, group["field"])[value["value"]]["selected"]
    assert facet(page, "PRICE")["0-20000"]["count"] == 2


def test_filters_sort_and_a_dane_code(data, catalogue):
    page = search(
        data,
        query="",
        filter={"municipality": "05001", "kind": "GOODS", "priceMax": 32_000},
        sortBy="PRICE_DESC",
    )
    assert slugs(page) == [catalogue[k].slug for k in ("cafe", "arepas", "arepa")]
    assert search(data, query="diseño", filter={"kind": "SERVICE"})["totalCount"] == 1
    assert search(data, query="arepa", filter={"vendor": "no-existe"})["totalCount"] == 0


def test_a_typo_is_corrected_and_said_so(data, catalogue):
    page = search(data, query="zapatoz")
    assert page["suggestion"] == "zapatos"
    assert page["corrected"] is True
    assert slugs(page) == [catalogue["zapatos"].slug]


def test_pages_follow_each_other_by_cursor_whatever_their_size(data, catalogue):
    vendor = catalogue["vendors"]["medellin"]
    for number in range(12):
        product(f"Buñuelo {number}", vendor=vendor, category_slug="comida-preparada")
    reindex()
    everything = slugs(search(data, query="buñuelos", first=100))
    assert len(everything) == 12

    seen, after = [], None
    for size in (5, 3, 1, 4):  # sizes that do not line up with the previous pages
        page = search(data, query="buñuelos", first=size, after=after)
        seen += slugs(page)
        after = page["pageInfo"]["endCursor"]
        assert page["pageInfo"]["hasPreviousPage"] is True or len(seen) == size
    assert seen == everything[:13]
    assert page["pageInfo"]["hasNextPage"] is False
    assert slugs(search(data, query="buñuelos", first=0)) == []
    assert search(data, query="buñuelos", first=0)["totalCount"] == 12


@pytest.mark.parametrize("first", [-1, 101])
def test_first_is_between_0_and_100(gql, catalogue, first):
    result = gql(SEARCH, {"query": "arepa", "first": first})
    assert result["errors"][0]["extensions"]["code"] == "invalid"


@pytest.mark.parametrize("query", ['"', "&|:*", "a" * 5000, "NOT (arepa", None, ""])
def test_bad_queries_are_answered(data, catalogue, query):
    page = search(data, query=query, after="no es un cursor")
    assert page["totalCount"] >= 0


@pytest.mark.parametrize(
    ("start", "stop", "pages"),
    [
        (0, 24, [(1, 24)]),
        (24, 48, [(2, 24)]),
        (10, 30, [(1, 30)]),
        (5, 8, [(2, 4)]),
        (99, 101, [(34, 3)]),
        (150, 250, [(2, 100), (3, 100)]),
    ],
)
def test_any_window_is_at_most_two_pages_of_the_service(start, stop, pages):
    assert service_pages(start, stop) == pages
    covered = set()
    for page, size in pages:
        covered |= set(range((page - 1) * size, page * size))
    assert set(range(start, stop)) <= covered


# searchSuggestions


def test_suggestions_have_kinds_and_storefront_urls(data, catalogue):
    found = data(SUGGESTIONS, {"prefix": "calz"})["searchSuggestions"]
    assert {
        "kind": "CATEGORY",
        "label": "Calzado",
        "slug": "calzado",
        "url": "/catalogo/calzado/",
    } in found
    found = data(SUGGESTIONS, {"prefix": "are"})["searchSuggestions"]
    assert found[0] == {
        "kind": "PRODUCT",
        "label": "Arepa de chócolo",
        "slug": catalogue["arepa"].slug,
        "url": f"/producto/{catalogue['arepa'].slug}/",
    }
    found = data(SUGGESTIONS, {"prefix": "zapater"})["searchSuggestions"]
    assert found == [
        {
            "kind": "VENDOR",
            "label": "Zapatería El Cuero",
            "slug": "zapateria-el-cuero",
            "url": "/negocios/zapateria-el-cuero/",
        }
    ]
    assert data(SUGGESTIONS, {"prefix": "a"})["searchSuggestions"] == []


# products(filter: {search})


def products(data, **variables):
    return data(PRODUCTS, variables)["products"]


def test_products_search_uses_the_search_backend(data, catalogue):
    page = products(data, filter={"search": "arepas"})

    # Stems and ranking: a substring match would miss "Arepa de chócolo" and the order.
    assert slugs(page) == service_slugs(catalogue, "arepas")
    assert page["totalCount"] == 3
    assert slugs(products(data, filter={"search": "CAFE"})) == [catalogue["cafe"].slug]


def test_products_search_keeps_the_other_filters_and_sorts(data, catalogue):
    assert set(
        slugs(
            products(data, filter={"search": "arepas", "municipality": "05001", "priceMax": 12_000})
        )
    ) == {catalogue["arepa"].slug, catalogue["arepas"].slug}
    assert slugs(products(data, filter={"search": "arepas", "category": "tejidos"})) == [
        catalogue["mochila"].slug
    ]
    assert slugs(products(data, filter={"search": "arepas", "category": "no-existe"})) == []
    assert slugs(products(data, filter={"search": "diseño", "kind": "SERVICE"})) == [
        catalogue["logo"].slug
    ]
    by_price = products(
        data, filter={"search": "arepas"}, sortBy={"field": "PRICE", "direction": "DESC"}
    )
    assert slugs(by_price) == [catalogue[k].slug for k in ("mochila", "arepas", "arepa")]
    newest = slugs(products(data, filter={"search": "arepas"}, sortBy={"field": "NEWEST"}))
    oldest = slugs(
        products(data, filter={"search": "arepas"}, sortBy={"field": "NEWEST", "direction": "ASC"})
    )
    assert oldest == list(reversed(newest)) and len(oldest) == 3


def test_products_search_pages_by_cursor(data, catalogue):
    everything = slugs(products(data, filter={"search": "arepas"}))
    first = products(data, filter={"search": "arepas"}, first=2)
    assert slugs(first) == everything[:2] and first["pageInfo"]["hasNextPage"]
    rest = products(
        data, filter={"search": "arepas"}, first=2, after=first["pageInfo"]["endCursor"]
    )
    assert slugs(rest) == everything[2:] and not rest["pageInfo"]["hasNextPage"]
    assert rest["totalCount"] == 3


def test_products_search_cannot_sort_by_name(gql, catalogue):
    result = gql(PRODUCTS, {"filter": {"search": "arepas"}, "sortBy": {"field": "NAME"}})
    assert result["errors"][0]["extensions"]["code"] == "invalid"


def test_products_without_search_are_the_selectors(data, catalogue):
    page = products(data, filter={"search": "  ", "category": "calzado"})
    assert slugs(page) == [catalogue["zapatos"].slug]


def test_products_search_takes_last_and_offset_too(gql, data, catalogue):
    everything = slugs(products(data, filter={"search": "arepas"}))
    query = """
    query($last: Int, $offset: Int, $first: Int) {
      products(filter: {search: "arepas"}, last: $last, offset: $offset, first: $first) {
        totalCount edges { cursor node { slug } }
      }
    }
    """
    for variables, expected in (
        ({"last": 2}, everything[1:]),
        ({"offset": 1, "first": 1}, everything[1:2]),
        ({"offset": 2}, everything[2:]),
        ({"offset": 5}, []),
    ):
        result = gql(query, variables)
        assert "errors" not in result, result["errors"]
        page = result["data"]["products"]
        assert slugs(page) == expected, variables
        assert page["totalCount"] == 3
