import pytest

from marketplace.accounts.tokens import token_create
from tests.factories import VariantFactory

PRODUCT = """query($slug: String!) { product(slug: $slug) {
  name isAvailable images { alt } vendor { displayName }
  variants { price { amount } quantityAvailable }
} }"""
PRODUCTS = "query { products(first: 20) { edges { node { name vendor { displayName } } } } }"


@pytest.fixture
def listing(db, vendor):
    return VariantFactory(
        product__vendor=vendor, product__name="Arepa de queso", price=9_000, stock_quantity=5
    )


@pytest.fixture
def anonymous(client):
    """Post a GraphQL query as an anonymous visitor; returns (json, X-Cache header)."""

    def post(query, variables=None, **extra):
        body = {"query": query, "variables": variables or {}}
        response = client.post("/graphql/", body, content_type="application/json", **extra)
        assert response.status_code == 200, response.content
        return response.json(), response.headers.get("X-Cache")

    return post


@pytest.fixture
def product_of(anonymous):
    def read(listing):
        data, _state = anonymous(PRODUCT, {"slug": listing.product.slug})
        assert "errors" not in data, data
        return data["data"]["product"]

    return read


@pytest.fixture
def bearer(citizen, password, rf):
    pair = token_create(
        email=citizen.email, password=password, request=rf.post("/graphql/", REMOTE_ADDR="1.2.3.4")
    )
    return {"HTTP_AUTHORIZATION": f"Bearer {pair.token}"}
