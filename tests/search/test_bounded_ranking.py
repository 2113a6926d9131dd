"""Relevance when a word is frequent: past SEARCH_EXACT_LIMIT matches the database backend ranks
a bounded candidate set and estimates totals and facets. The limits are set tiny here so a
small catalogue has frequent (past the limit), medium and rare words; the results must stay
the ones a person expects, once per reachable backend."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from catalog.models import Product
from search.services import search_products, suggest
from tests.factories import VendorFactory

from .conftest import municipality, product

NAMED = [
    "Sombrero clásico aguadeño",
    "Bolso clásico de cuero",
    "Reloj clásico de pared",
    "Camisa clásica de lino",
    "Mesa clásica de roble",
    "Zapatos clásicos de cuero",
]
# Newer than every name match, the word only in their description.
DESCRIBED = [f"Lámpara de mesa {n}" for n in range(6)]


@pytest.fixture
def frequent(search_backend, db, settings):
    vendor = VendorFactory(
        display_name="Casa Antigua", enrollment__municipality=municipality("05001")
    )
    now = timezone.now()
    for age, name in enumerate(NAMED, start=20):
        item = product(name, vendor=vendor, category_slug="tejidos", price=30_000)
        Product.objects.filter(pk=item.pk).update(published_at=now - timedelta(days=age))
    for age, name in enumerate(DESCRIBED, start=1):
        item = product(
            name, vendor=vendor, category_slug="tejidos", description="Un diseño clásico."
        )
        Product.objects.filter(pk=item.pk).update(published_at=now - timedelta(days=age))
    product("Cesta artesanal de fique", vendor=vendor, category_slug="tejidos")
    product("Mochila artesanal", vendor=vendor, category_slug="tejidos")
    product("Anillo de zafiro", vendor=vendor, category_slug="tejidos")
    product("Collar de plata", vendor=vendor, category_slug="tejidos", description="Con un zafiro.")
    search_backend.reindex()
    # "clásico" is in 12 listings: past the limit; "artesanal" (2) and "zafiro" (2) are not.
    settings.SEARCH_EXACT_LIMIT = 4
    settings.SEARCH_RANK_POOL = 3
    return search_backend


def _bounded(harness):
    """Whether the backend is the database one, whose limits the fixture lowered."""
    return harness.name in ("sqlite", "postgresql")


def _holds_word(name):
    return "clásic" in name.lower()


def test_a_frequent_word_lists_name_matches_before_description_matches(frequent):
    result = frequent.search("clásico", page_size=6)
    assert result.estimated == _bounded(frequent) and result.total >= 5
    names = frequent.names("clásico", page_size=6)
    # The description matches are the newest, yet the name matches lead.
    assert all(_holds_word(n) for n in names[:3]), names


def test_every_page_of_a_frequent_word_together_lists_each_match_once(frequent):
    seen = []
    for page in (1, 2, 3):
        seen += frequent.names("clásicos", page=page, page_size=5)
    assert sorted(seen) == sorted(NAMED + DESCRIBED)


def test_a_frequent_words_facets_are_flagged_approximate(frequent):
    result = frequent.search("clásico")
    assert result.estimated == _bounded(frequent)
    assert result.facets["kind"] and result.facets["category"]
    # Scaled from a sample, never below one, never above the estimated total.
    counts = [v.count for values in result.facets.values() for v in values]
    assert all(1 <= c <= result.total for c in counts)


def test_medium_and_rare_words_are_ranked_and_counted_exactly(frequent):
    medium = frequent.search("artesanal")
    assert not medium.estimated and medium.total == 2
    assert sorted(frequent.names("artesanales")) == [
        "Cesta artesanal de fique",
        "Mochila artesanal",
    ]
    rare = frequent.search("zafiro")
    assert not rare.estimated and rare.total == 2
    assert frequent.names("zafiro") == ["Anillo de zafiro", "Collar de plata"]
    assert rare.facets["kind"][0].count == 2


def test_several_words_with_a_frequent_one_still_need_them_all(frequent):
    assert frequent.names("bolso clásico") == ["Bolso clásico de cuero"]
    assert frequent.names("sombrero clásico aguadeño")[0] == "Sombrero clásico aguadeño"
    both = frequent.names("clásico cuero")
    assert sorted(both) == ["Bolso clásico de cuero", "Zapatos clásicos de cuero"]
    # A frequent word next to a rare one: what holds both, then nothing else.
    assert frequent.names("clásico roble") == ["Mesa clásica de roble"]


def test_a_frequent_word_costs_a_bounded_number_of_queries(frequent):
    if not _bounded(frequent):
        pytest.skip("the database backend's queries")
    search_products("clásico")
    with CaptureQueriesContext(connection) as ctx:
        result = search_products("clásico", page_size=10)
    assert result.estimated and len(result.product_ids) == 10
    # Tree; [PostgreSQL: two estimates] the newest matches with their facet columns
    # [SQLite: the count]; [two estimates] the newest name matches; the ranked page; the
    # rest of the page, newest first.
    assert len(ctx.captured_queries) <= 8


def test_autocomplete_reads_names_starting_with_the_prefix_first(frequent):
    products = [s.label for s in suggest("clási", limit=3).products]
    # No name starts with the word: names holding it further in, in folded order.
    assert products == ["Bolso clásico de cuero", "Camisa clásica de lino", "Mesa clásica de roble"]
    assert [s.label for s in suggest("BOLSO CLÁ").products] == ["Bolso clásico de cuero"]
    assert [s.label for s in suggest("zap").products] == ["Zapatos clásicos de cuero"]
