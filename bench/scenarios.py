"""What a load run requests. Each scenario is one fixed request (path, method, body, headers)
that wrk repeats for a fixed time; the sample rows they name are picked from the seeded data."""

import json
from dataclasses import dataclass, field

from . import words

GRAPHQL = "/graphql/"


@dataclass(frozen=True)
class Scenario:
    name: str
    path: str
    method: str = "GET"
    body: str = ""
    headers: dict = field(default_factory=dict)
    api: bool = False  # a GraphQL scenario: reported as a ratio to the floor
    # Whose session cookie the requests carry ("vendor", "moderator"); empty for a visitor.
    signed_in: str = ""
    # "checkout": driven by bench.checkout_load's buyers instead of one repeated request.
    driver: str = "wrk"
    # Every request differs (an extra variable the document ignores), so the anonymous
    # response cache never answers: what a cache miss costs, measured under the same load.
    vary: bool = False

    def body_for(self, n: int) -> str:
        return self.body.replace(MISS_MARK, f'"benchMiss": {n}') if self.vary else self.body


MISS_MARK = '"benchMiss": 0'


def _graphql(name: str, query: str, variables: dict | None = None, vary=False) -> Scenario:
    headers = {"Content-Type": "application/json"}
    variables = {**(variables or {}), **({"benchMiss": 0} if vary else {})}
    body = json.dumps({"query": query, "variables": variables})
    name += ", cache miss" if vary else ""
    return Scenario(name, GRAPHQL, "POST", body, headers, api=True, vary=vary)


PRODUCT_FIELDS = """
  id name slug kind isAvailable publishedAt
  pricing { priceRange { start { amount } stop { amount } } }
  category { name slug }
  vendor { displayName slug }
  images { alt url(size: 320) }
"""

PRODUCTS_QUERY = (
    "query Products($first: Int!) { products(first: $first) { totalCount "
    "pageInfo { hasNextPage endCursor } edges { node {" + PRODUCT_FIELDS + "} } } }"
)
# What a storefront's infinite list asks: a page and whether another follows, no total.
LISTING_QUERY = (
    "query Products($first: Int!) { products(first: $first) { "
    "pageInfo { hasNextPage endCursor } edges { node {" + PRODUCT_FIELDS + "} } } }"
)
PRODUCT_QUERY = (
    "query Product($slug: String!) { product(slug: $slug) {"
    + PRODUCT_FIELDS
    + " description variants { id name sku isAvailable price { amount } } } }"
)
SEARCH_QUERY = (
    "query Search($q: String!) { search(query: $q, first: 20) { totalCount "
    "edges { node { id name slug pricing { priceRange { start { amount } } } } } "
    "facets { field values { value label count } } } }"
)
SUGGEST_QUERY = "query Suggest($p: String!) { searchSuggestions(prefix: $p) { kind label url } }"
# Django's CSRF check compares the form's token with the cookie's secret; any 32 letters do.
CSRF_TOKEN = "benchBENCHbenchBENCHbenchBENCHbe"


@dataclass(frozen=True)
class Samples:
    product_slug: str
    root_category: str
    leaf_category: str
    vendor_slug: str
    municipality: str
    variant_pk: int


def scenarios(samples: Samples) -> list[Scenario]:
    frequent, medium, rare = words.FREQUENT_WORD, words.MEDIUM_WORD, words.RARE_WORD
    return [
        Scenario("home", "/"),
        Scenario("catalogue", "/catalogo/"),
        Scenario("catalogue, cheapest first", "/catalogo/?orden=menor-precio"),
        Scenario("root category", f"/catalogo/{samples.root_category}/"),
        Scenario("leaf category", f"/catalogo/{samples.leaf_category}/"),
        Scenario("product page", f"/producto/{samples.product_slug}/"),
        Scenario("vendor page", f"/negocios/{samples.vendor_slug}/"),
        Scenario("search page, frequent word", f"/buscar/?q={frequent}"),
        Scenario("search page, medium word", f"/buscar/?q={medium}"),
        Scenario("search page, rare word", f"/buscar/?q={rare}"),
        Scenario(
            "search page, filtered",
            f"/buscar/?q={frequent}&municipio={samples.municipality}&tipo=productos",
        ),
        Scenario("autocomplete", f"/buscar/sugerencias/?q={frequent[:3]}"),
        _graphql("GraphQL products(first: 100)", PRODUCTS_QUERY, {"first": 100}),
        _graphql("GraphQL products(first: 20)", PRODUCTS_QUERY, {"first": 20}),
        _graphql("GraphQL products(first: 100), no totalCount", LISTING_QUERY, {"first": 100}),
        _graphql("GraphQL product(slug)", PRODUCT_QUERY, {"slug": samples.product_slug}),
        _graphql("GraphQL search, frequent word", SEARCH_QUERY, {"q": frequent}),
        _graphql("GraphQL search, rare word", SEARCH_QUERY, {"q": rare}),
        _graphql("GraphQL searchSuggestions", SUGGEST_QUERY, {"p": frequent[:3]}),
        _graphql("GraphQL products(first: 100)", PRODUCTS_QUERY, {"first": 100}, vary=True),
        _graphql("GraphQL products(first: 20)", PRODUCTS_QUERY, {"first": 20}, vary=True),
        _graphql("GraphQL product(slug)", PRODUCT_QUERY, {"slug": samples.product_slug}, True),
        _graphql("GraphQL search, frequent word", SEARCH_QUERY, {"q": frequent}, vary=True),
        # A first visit each time (no session cookie): the session and cart are created, then
        # filled, and the visitor is sent back to the product page.
        Scenario(
            "add to cart, new visitor",
            "/carrito/agregar/",
            "POST",
            f"variante={samples.variant_pk}&cantidad=1&csrfmiddlewaretoken={CSRF_TOKEN}",
            {
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": f"csrftoken={CSRF_TOKEN}",
            },
        ),
        Scenario("floor: 100 rows as JSON", "/__bench__/floor/"),
        # Signed in: the session cookie of an account made by bench.accounts_seed.
        Scenario("dashboard: products list", "/vender/panel/productos/", signed_in="vendor"),
        Scenario("dashboard: orders list", "/vender/panel/pedidos/", signed_in="vendor"),
        Scenario(
            "dashboard: orders list, page 10",
            "/vender/panel/pedidos/?pagina=10",
            signed_in="vendor",
        ),
        Scenario("moderation queue", "/consola/publicaciones/", signed_in="moderator"),
        Scenario("checkout: complete and pay (test gateway)", GRAPHQL, driver="checkout"),
    ]


WRK_SCRIPT = """
wrk.method = %(method)s
wrk.body = %(body)s
%(headers)s
%(vary)s
done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    "BENCH {\\"requests\\": %%d, \\"seconds\\": %%f, \\"p50\\": %%f, \\"p95\\": %%f, " ..
    "\\"p99\\": %%f, \\"mean\\": %%f, \\"max\\": %%f, \\"non_2xx\\": %%d, " ..
    "\\"socket_errors\\": %%d}\\n",
    summary.requests, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.mean / 1000, latency.max / 1000,
    errors.status, errors.connect + errors.read + errors.write + errors.timeout))
end
"""


VARY_SCRIPT = """
counter = 0
request = function()
  counter = counter + 1
  return wrk.format(nil, nil, nil, %(before)s .. '"benchMiss": ' .. counter .. %(after)s)
end
"""


def _lua_string(text: str) -> str:
    return "[==[" + text + "]==]" if text else '""'


def wrk_script(scenario: Scenario) -> str:
    headers = "\n".join(
        f"wrk.headers[ {_lua_string(k)} ] = {_lua_string(v)}" for k, v in scenario.headers.items()
    )
    vary = ""
    if scenario.vary:
        before, after = scenario.body.split(MISS_MARK, 1)
        vary = VARY_SCRIPT % {"before": _lua_string(before), "after": _lua_string(after)}
    return WRK_SCRIPT % {
        "method": _lua_string(scenario.method),
        "body": _lua_string(scenario.body),
        "headers": headers,
        "vary": vary,
    }
