"""One behaviour, every backend: these tests run once per reachable search backend."""

import pytest

from search.types import PRICE_RANGES, SearchFilters
from vendors.services.lifecycle import vendor_suspend

from .conftest import product


@pytest.fixture
def indexed(search_backend, catalogue):
    search_backend.reindex()
    return catalogue


def test_accents_are_ignored_both_ways(search_backend, indexed):
    # "Café y chocolate" is also the chocolate's category: a name match comes first.
    assert search_backend.names("cafe") == ["Café de origen Urrao", "Chocolate de mesa"]
    assert search_backend.names("CAFÉ") == ["Café de origen Urrao", "Chocolate de mesa"]
    assert search_backend.names("cafés") == ["Café de origen Urrao", "Chocolate de mesa"]
    assert search_backend.names("chocolo") == ["Arepa de chócolo"]
    assert search_backend.names("chócolo") == ["Arepa de chócolo"]
    assert search_backend.names("diseno") == ["Diseño de logo"]


def test_spanish_plurals_and_stems_match(search_backend, indexed):
    assert "Arepa de chócolo" in search_backend.names("arepas")
    assert search_backend.names("zapato") == ["Zapatos de cuero para hombre"]
    assert search_backend.names("diseños") == ["Diseño de logo"]
    # The café is filed under "Café y chocolate": a category match, ranked below the name match.
    assert search_backend.names("chocolates") == ["Chocolate de mesa", "Café de origen Urrao"]


def test_multi_word_queries_prefer_every_word(search_backend, indexed):
    assert search_backend.names("zapatos cuero") == ["Zapatos de cuero para hombre"]
    assert search_backend.names("café urrao") == ["Café de origen Urrao"]
    # Words may match different fields: the name, the vendor's municipality.
    assert search_backend.names("zapatos de cuero en Itagüí") == ["Zapatos de cuero para hombre"]
    # No listing holds both words: those holding either follow, flagged as partial.
    result = search_backend.search("arepa cuero")
    assert result.partial and not result.left_out
    names = search_backend.names("arepa cuero")
    # "arepa" is the rarer word (every Itagüí listing's vendor is "El Cuero"): its name match
    # leads; the shoes, with "cuero" in their name, come before other "cuero" listings.
    assert names[0] == "Arepa de chócolo"
    assert names.index("Zapatos de cuero para hombre") < names.index("Tenis deportivos")


def test_category_vendor_and_municipality_words_find_products(search_backend, indexed):
    assert set(search_backend.names("calzado")) == {
        "Zapatos de cuero para hombre",
        "Tenis deportivos",
    }
    assert set(search_backend.names("itagui")) == {
        "Zapatos de cuero para hombre",
        "Tenis deportivos",
        "Funda para celular",
    }


def test_a_name_match_ranks_above_a_description_match(search_backend, indexed):
    # "Mochila tejida" mentions arepas only in its description.
    assert search_backend.names("arepas") == ["Arepa de chócolo", "Mochila tejida"]


def test_synonyms_from_the_repository_list(search_backend, indexed):
    assert search_backend.names("zapatillas") == ["Tenis deportivos"]
    assert search_backend.names("móvil") == ["Funda para celular"]


def test_typos_are_tolerated_with_a_suggestion(search_backend, indexed):
    result = search_backend.search("chocolte")
    assert search_backend.names("chocolte") == ["Chocolate de mesa", "Café de origen Urrao"]
    assert result.suggestion == "chocolate"
    assert result.corrected


def test_a_known_query_has_no_suggestion(search_backend, indexed):
    result = search_backend.search("chocolate")
    assert result.suggestion is None
    assert not result.corrected


def test_facet_counts_equal_the_filtered_totals(search_backend, indexed):
    for query in ("", "de"):
        result = search_backend.search(query)
        assert result.total == 8
        for field in ("category", "municipality", "vendor", "kind", "price"):
            values = result.facets[field]
            assert values, field
            # Every product has exactly one value of each of these facets.
            assert sum(v.count for v in values) == result.total, field
            for value in values:
                key = "price_range" if field == "price" else field
                narrowed = search_backend.search(query, filters={key: value.value})
                assert narrowed.total == value.count, (field, value)


def test_facets_follow_the_query_and_the_filters(search_backend, indexed):
    result = search_backend.search("chocolate", filters={"municipality": "medellin"})
    assert result.total == 2
    assert [(v.value, v.count) for v in result.facets["category"]] == [("alimentos-y-bebidas", 2)]
    assert [(v.value, v.count, v.selected) for v in result.facets["municipality"]] == [
        ("medellin", 2, True)
    ]
    food = search_backend.search("", filters={"category": "alimentos-y-bebidas"})
    assert food.total == 3
    # Inside a category, the facet lists its subcategories.
    assert {(v.value, v.count) for v in food.facets["category"]} == {
        ("comida-preparada", 1),
        ("cafe-y-chocolate", 2),
    }
    labels = {v.value: v.label for v in search_backend.search("").facets["municipality"]}
    assert labels == {"medellin": "Medellín", "itagui": "Itagüí", "envigado": "Envigado"}


def test_filters_combine(search_backend, indexed):
    assert search_backend.names("", filters={"kind": "service"}) == ["Diseño de logo"]
    assert set(search_backend.names("", filters={"vendor": indexed["vendors"]["itagui"].slug})) == {
        "Zapatos de cuero para hombre",
        "Tenis deportivos",
        "Funda para celular",
    }
    cheap = SearchFilters(price_max=15_000)
    assert set(search_backend.names("", filters=cheap)) == {"Arepa de chócolo", "Chocolate de mesa"}
    band = PRICE_RANGES[0].key
    assert set(search_backend.names("", filters={"price_range": band})) == {
        "Arepa de chócolo",
        "Chocolate de mesa",
    }


def test_sorting_and_pagination(search_backend, indexed):
    by_price = search_backend.names("", sort="price_asc")
    assert by_price[:2] == ["Arepa de chócolo", "Chocolate de mesa"]
    assert by_price[-1] == "Diseño de logo"
    assert search_backend.names("", sort="price_desc")[0] == "Diseño de logo"
    pages = [search_backend.search("", sort="price_asc", page=n, page_size=3) for n in (1, 2, 3)]
    assert [len(p.product_ids) for p in pages] == [3, 3, 2]
    assert all(p.total == 8 for p in pages)
    assert (
        sum((p.product_ids for p in pages), [])
        == search_backend.search("", sort="price_asc", page_size=8).product_ids
    )
    assert pages[0].has_next and not pages[2].has_next
    assert search_backend.search("", page=50).product_ids == []


def test_out_of_stock_products_stay_listed_and_can_be_filtered_out(search_backend, catalogue):
    sold_out = product(
        "Arepa de queso",
        vendor=catalogue["vendors"]["medellin"],
        category_slug="comida-preparada",
        stock_quantity=0,
    )
    search_backend.reindex()
    assert sold_out.name in search_backend.names("arepa")
    assert sold_out.name not in search_backend.names("arepa", filters={"in_stock": "1"})


def test_highlights_mark_matches_and_escape_vendor_text(search_backend, indexed):
    result = search_backend.search("logo")
    [pk] = result.product_ids
    assert "<mark>logo</mark>" in result.highlights[pk]["name"]
    assert "<b>" not in result.highlights[pk]["description"]
    assert "&lt;b&gt;" in result.highlights[pk]["description"]


def test_unpublished_products_and_suspended_vendors_never_appear(
    search_backend, catalogue, coordinator, django_capture_on_commit_callbacks
):
    medellin = catalogue["vendors"]["medellin"]
    hidden = product("Arepa oculta", vendor=medellin, category_slug="comida-preparada")
    hidden.status = "unpublished"
    hidden.save()
    search_backend.reindex()
    assert search_backend.names("arepa") == ["Arepa de chócolo", "Mochila tejida"]

    with django_capture_on_commit_callbacks(execute=True):
        vendor_suspend(vendor=medellin, suspended_by=coordinator, reason="Revisión documental")
    assert search_backend.names("arepa") == []
    assert search_backend.names("café") == []
    assert search_backend.search("").total == 4


BAD_QUERIES = [
    None,
    "",
    "   ",
    '"',
    '""',
    "&",
    "&&&",
    "|",
    "||",
    ":",
    ":*",
    "*",
    "***",
    "!",
    "(",
    ")",
    "-",
    "^",
    "~",
    "\\",
    "'",
    "\x00\x01\x02",
    "arepa" * 200,
    "a " * 500,
    '"arepa',
    "arepa:*",
    "arepa & !cuero",
    "(arepa | café) & !cuero",
    "arepa <-> cuero",
    "NEAR(arepa cafe)",
    "{name}: arepa",
    "name:arepa",
    "arepa OR cafe",
    "arepa AND NOT cafe",
    "' OR 1=1 --",
    "%_%",
    "🙂🫓",
    "de la y en",
    12345,
]


@pytest.mark.parametrize("query", BAD_QUERIES)
def test_bad_queries_never_raise(search_backend, indexed, query):
    result = search_backend.search(query)
    assert len(result.query) <= 200
    assert result.total >= 0
    assert len(result.product_ids) <= result.page_size


def test_operators_are_ignored_not_obeyed(search_backend, indexed):
    assert search_backend.names("arepa:*") == search_backend.names("arepa")
    assert search_backend.names('"chocolate" & |') == search_backend.names("chocolate")
    assert search_backend.names("zapatos -cuero") == ["Zapatos de cuero para hombre"]


@pytest.mark.parametrize("page, page_size", [(0, 0), (-1, -5), ("x", "y"), (10**9, 10**9)])
def test_bad_paging_never_raises(search_backend, indexed, page, page_size):
    result = search_backend.search("", page=page, page_size=page_size)
    assert 1 <= result.page_size <= 100
    assert result.page >= 1


def test_autocomplete_suggests_products_categories_and_vendors(search_backend, indexed):
    from search.services import suggest

    search_backend.refresh()
    assert [s.label for s in suggest("are").products] == ["Arepa de chócolo"]
    assert [s.label for s in suggest("chócolo").products] == ["Arepa de chócolo"]
    assert [s.label for s in suggest("cafe").categories] == ["Café y chocolate"]
    assert [s.label for s in suggest("zapater").vendors] == ["Zapatería El Cuero"]
    assert [s.label for s in suggest("zapatos de c").products] == ["Zapatos de cuero para hombre"]
    assert list(suggest("a")) == []
    assert list(suggest('"&|:*')) == []
