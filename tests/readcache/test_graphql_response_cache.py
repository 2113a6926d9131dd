import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import VariantFactory

from .conftest import PRODUCT, PRODUCTS

pytestmark = pytest.mark.usefixtures("read_cache")


def test_a_repeated_anonymous_product_list_is_served_from_the_cache_without_sql(anonymous, listing):
    first, state = anonymous(PRODUCTS)
    assert state == "MISS"
    with CaptureQueriesContext(connection) as queries:
        second, state = anonymous(PRODUCTS)
    assert state == "HIT"
    assert second == first
    assert len(queries) == 0, [q["sql"] for q in queries]


def test_different_variables_are_different_answers(anonymous, listing):
    other = VariantFactory(product__name="Buñuelo")
    one, state = anonymous(PRODUCT, {"slug": listing.product.slug})
    assert state == "MISS"
    two, state = anonymous(PRODUCT, {"slug": other.product.slug})
    assert state == "MISS"
    assert one["data"]["product"]["name"] != two["data"]["product"]["name"]


def test_each_language_has_its_own_entry(anonymous, listing):
    assert anonymous(PRODUCTS)[1] == "MISS"
    assert anonymous(PRODUCTS, HTTP_ACCEPT_LANGUAGE="en")[1] == "MISS"
    assert anonymous(PRODUCTS, HTTP_ACCEPT_LANGUAGE="en")[1] == "HIT"


def test_signed_in_requests_are_never_cached(client, anonymous, listing, citizen, bearer):
    anonymous(PRODUCTS)
    with_token, state = anonymous(PRODUCTS, **bearer)
    assert state is None
    client.force_login(citizen)
    response = client.post("/graphql/", {"query": PRODUCTS}, content_type="application/json")
    assert "X-Cache" not in response.headers


def test_mutations_and_private_fields_are_never_cached(anonymous, listing):
    mutation = 'mutation { tokenCreate(email: "x@example.com", password: "y") { token } }'
    assert anonymous(mutation)[1] is None
    private = "query { me { email } products(first: 1) { edges { node { name } } } }"
    assert anonymous(private)[1] is None
    assert anonymous(private)[1] is None


def test_answers_with_errors_are_not_cached(client, listing):
    bad = 'query { products(first: 1) { edges { node { name } } } product(slug: "x") { nope } }'
    for _ in range(2):
        response = client.post("/graphql/", {"query": bad}, content_type="application/json")
        assert "errors" in response.json()
        assert "X-Cache" not in response.headers


def test_an_unreachable_cache_means_uncached_answers_not_errors(anonymous, listing, settings):
    settings.CACHES = {
        **settings.CACHES,
        # Nothing listens on port 1 of the loopback: every cache call fails at once.
        "reads": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        },
    }
    for _ in range(2):
        data, state = anonymous(PRODUCT, {"slug": listing.product.slug})
        assert data["data"]["product"]["name"] == "Arepa de queso"
        assert state is None


def test_the_cost_limit_still_refuses_before_any_lookup(client, anonymous, listing, settings):
    settings.GRAPHQL_MAX_COST_ANONYMOUS = 1
    response = client.post("/graphql/", {"query": PRODUCTS}, content_type="application/json")
    assert response.json()["errors"][0]["extensions"]["code"] == "query_too_costly"
    assert "X-Cache" not in response.headers


def test_a_hit_is_still_charged_to_the_clients_cost_budget(client, anonymous, listing, settings):
    assert anonymous(PRODUCTS)[1] == "MISS"
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "graphql_cost": (1, 60)}
    response = client.post("/graphql/", {"query": PRODUCTS}, content_type="application/json")
    assert response.status_code == 429
    assert response.json()["errors"][0]["extensions"]["code"] == "rate_limited"
    assert "X-Cache" not in response.headers


def test_a_mutation_never_answers_from_an_entry_of_the_same_text(client, listing):
    # Entries are keyed by the text; a mutation's text is never stored, so it always executes.
    mutation = 'mutation { tokenCreate(email: "x@example.com", password: "y") { token } }'
    for _ in range(2):
        response = client.post("/graphql/", {"query": mutation}, content_type="application/json")
        assert "X-Cache" not in response.headers
