"""Documents that are cheap to send and costly to check or answer are refused before
graphql-core validates them (some of its rules take quadratic time) and before any SQL; visitors
without a session get a smaller cost budget than signed-in clients, and execution stops when the
request's time budget runs out."""

import json

import pytest

from tests.factories import ProductFactory

from .conftest import ENDPOINT
from .test_limits import error_codes

NESTED_PRODUCTS = """
{ products { edges { node { name vendor { products { edges { node { name } } } } } } } }
"""


@pytest.fixture
def no_sql(db, django_assert_num_queries):
    return lambda: django_assert_num_queries(0)


def test_a_field_repeated_a_thousand_times_stops_the_parser(gql, no_sql):
    # The sweep's 10 KB body: the parser gives up after GRAPHQL_MAX_TOKENS tokens.
    with no_sql():
        response = gql("{" + " me { email }" * 1000 + " }")
    assert response.status_code == 400
    assert error_codes(response) == ["too_many_tokens"]


def test_a_field_repeated_hundreds_of_times_is_refused_before_validation(gql, no_sql):
    with no_sql():
        response = gql("{" + " me { email }" * 300 + " }")
    assert response.status_code == 400
    assert error_codes(response) == ["too_many_fields"]
    assert "600" in response.json()["errors"][0]["message"]


def test_the_field_limit_counts_fields_inside_fragments(gql, no_sql, settings):
    settings.GRAPHQL_MAX_FIELDS = 10
    fields = " ".join(f"f{i}: email" for i in range(10))
    with no_sql():
        response = gql(f"{{ me {{ ...F }} }} fragment F on User {{ {fields} }}")
    assert error_codes(response) == ["too_many_fields"]


def test_too_many_fragments_are_refused(gql, no_sql):
    fragments = " ".join(f"fragment F{i} on User {{ email }}" for i in range(101))
    spreads = " ".join(f"...F{i}" for i in range(101))
    with no_sql():
        response = gql(f"{{ me {{ {spreads} }} }} {fragments}")
    assert response.status_code == 400
    assert error_codes(response) == ["too_many_fragments"]


def test_too_many_declared_variables_are_refused(gql, no_sql):
    declared = ", ".join(f"$v{i}: Int" for i in range(51))
    with no_sql():
        response = gql(f"query({declared}) {{ me {{ email }} }}")
    assert error_codes(response) == ["too_many_variables"]


def test_too_many_variable_values_are_refused(gql, no_sql):
    with no_sql():
        response = gql("{ me { email } }", {f"v{i}": i for i in range(60)})
    assert response.status_code == 400
    assert error_codes(response) == ["too_many_variables"]


def test_twenty_thousand_unused_variables_stop_at_the_token_limit(gql, no_sql):
    declared = " ".join(f"$v{i}: Int" for i in range(20_000))
    with no_sql():
        response = gql(f"query({declared}) {{ me {{ email }} }}".replace(" $", "$"))
    assert response.status_code in (400, 413)
    assert error_codes(response)[0] in {"too_many_tokens", "request_too_large"}


def test_too_many_tokens_are_refused_by_the_parser(gql, no_sql, settings):
    settings.GRAPHQL_MAX_TOKENS = 50
    with no_sql():
        response = gql("{ me { " + "email " * 60 + "} }")
    assert error_codes(response) == ["too_many_tokens"]


def test_an_oversized_body_is_refused_before_it_is_read(client, no_sql):
    body = json.dumps({"query": "{" + " me { email }" * 170_000 + " }"})
    assert len(body) > 2_000_000
    with no_sql():
        response = client.post(ENDPOINT, body, content_type="application/json")
    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"]["code"] == "request_too_large"
    assert "demasiado grande" in response.json()["errors"][0]["message"]


def test_an_oversized_get_query_is_refused(client, no_sql, settings):
    settings.GRAPHQL_MAX_BODY_BYTES = 100
    with no_sql():
        response = client.get(ENDPOINT, {"query": "{ me { email } }" + " " * 200})
    assert response.status_code == 413


def test_connections_without_a_page_size_are_priced_at_the_largest_page(gql, no_sql):
    # products (100) x vendor x products (100): about 30,000, far over the visitors' budget.
    with no_sql():
        response = gql(NESTED_PRODUCTS)
    assert response.status_code == 400
    assert error_codes(response) == ["query_too_costly"]
    assert "sin sesión" in response.json()["errors"][0]["message"]


def test_signed_in_clients_get_the_larger_budget(gql, bearer, citizen):
    ProductFactory()
    response = gql(NESTED_PRODUCTS, **bearer)
    assert response.status_code == 200, response.content
    [edge] = response.json()["data"]["products"]["edges"]
    assert edge["node"]["vendor"]["products"]["edges"][0]["node"]["name"]


def test_a_forged_bearer_token_gets_the_visitors_budget(gql, no_sql):
    with no_sql():
        response = gql(NESTED_PRODUCTS, HTTP_AUTHORIZATION="Bearer not.a.token")
    assert error_codes(response) == ["query_too_costly"]


def test_the_signed_in_budget_still_applies_to_signed_in_clients(gql, bearer, settings):
    settings.GRAPHQL_MAX_COST = 1000
    response = gql(NESTED_PRODUCTS, **bearer)
    assert error_codes(response) == ["query_too_costly"]


def test_small_anonymous_queries_pass(gql, db):
    ProductFactory(name="Arepa de queso")
    response = gql("{ products(first: 5) { edges { node { name } } } }")
    assert response.status_code == 200
    assert response.json()["data"]["products"]["edges"][0]["node"]["name"] == "Arepa de queso"


def test_execution_stops_when_the_time_budget_runs_out(gql, db, settings):
    ProductFactory()
    settings.GRAPHQL_TIME_BUDGET_SECONDS_ANONYMOUS = 0
    response = gql("{ products(first: 5) { edges { node { name } } } }")
    assert response.status_code == 400
    assert response.json() == {
        "errors": [
            {
                "message": response.json()["errors"][0]["message"],
                "extensions": {"code": "time_budget_exceeded"},
            }
        ]
    }
    assert "tardó más de lo permitido" in response.json()["errors"][0]["message"]


def test_signed_in_clients_have_their_own_time_budget(gql, bearer, settings):
    settings.GRAPHQL_TIME_BUDGET_SECONDS_ANONYMOUS = 0
    response = gql("{ me { email } }", **bearer)
    assert response.status_code == 200
    settings.GRAPHQL_TIME_BUDGET_SECONDS = 0
    assert error_codes(gql("{ me { email } }", **bearer)) == ["time_budget_exceeded"]


def test_a_document_at_the_token_limit_still_reaches_the_parser(gql, db, settings):
    # The count before parsing finds the parser's own tokens: 50 tokens pass, 51 do not.
    settings.GRAPHQL_MAX_TOKENS = 50
    fields = "email " * 45  # "{ me {" ... "} }": 5 more tokens
    assert gql("{ me { " + fields + "} }").status_code == 200
    assert error_codes(gql("{ me { " + fields + "email } }")) == ["too_many_tokens"]


def test_strings_and_comments_are_counted_as_the_parser_counts_them(gql, db, settings):
    settings.GRAPHQL_MAX_TOKENS = 20
    long_string = '{ search(query: "' + "a b c { } # " * 30 + '", first: 1) { totalCount } }'
    assert "errors" not in gql(long_string).json()
    comments = "{ me { email } }\n" + "# una nota\n" * 21
    assert error_codes(gql(comments)) == ["too_many_tokens"]
