"""Documents refused for their shape get an error with a code and never reach the database,
even when they carry a valid Bearer token (resolving it would cost a query)."""

import json

import pytest
from graphql import get_introspection_query

from .conftest import ENDPOINT

TWO_OPERATIONS = "query A { me { email } } query B { me { firstName } }"


def aliases(count: int) -> str:
    return "{ " + " ".join(f"a{i}: me {{ email }}" for i in range(count)) + " }"


def error_codes(response) -> list[str]:
    return [e.get("extensions", {}).get("code") for e in response.json()["errors"]]


@pytest.fixture
def no_sql(db, django_assert_num_queries):
    return lambda: django_assert_num_queries(0)


def test_one_hundred_aliases_are_allowed(gql, bearer, citizen):
    response = gql(aliases(100), **bearer)
    assert response.status_code == 200
    assert response.json()["data"]["a99"] == {"email": citizen.email}


def test_too_many_aliases_are_refused_before_any_sql(gql, bearer, no_sql):
    with no_sql():
        response = gql(aliases(101), **bearer)
    assert response.status_code == 400
    assert error_codes(response) == ["too_many_aliases"]
    assert "data" not in response.json()


def test_too_deep_query_is_refused_before_any_sql(gql, bearer, no_sql, settings):
    # The accounts schema is shallow, so the limit is lowered under `{ me { email } }` (2).
    settings.GRAPHQL_MAX_DEPTH = 1
    with no_sql():
        response = gql("{ me { email } }", **bearer)
    assert response.status_code == 400
    assert error_codes(response) == ["query_too_deep"]


def test_too_costly_query_is_refused_before_any_sql(gql, bearer, no_sql, settings):
    settings.GRAPHQL_MAX_COST = 1
    with no_sql():
        response = gql("{ me { email } }", **bearer)
    assert response.status_code == 400
    assert error_codes(response) == ["query_too_costly"]


def test_two_operations_are_refused_even_with_an_operation_name(client, bearer, no_sql):
    with no_sql():
        response = client.post(
            ENDPOINT,
            {"query": TWO_OPERATIONS, "operationName": "A"},
            content_type="application/json",
            **bearer,
        )
    assert response.status_code == 400
    assert "multiple_operations" in error_codes(response)


def test_batched_requests_are_refused_before_any_sql(client, bearer, no_sql):
    batch = [{"query": "{ me { email } }"}, {"query": "{ me { firstName } }"}]
    with no_sql():
        response = client.post(ENDPOINT, batch, content_type="application/json", **bearer)
    assert response.status_code == 400
    assert response.json() == {
        "errors": [
            {"message": "Batched requests are not supported: send one operation per request."}
        ]
    }


@pytest.mark.parametrize("body", ["{not json", '"a string"', "\xff\xfe", "[" * 100_000])
def test_malformed_json_is_a_400_with_errors(client, body, no_sql):
    with no_sql():
        response = client.post(ENDPOINT, body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"]


def test_graphql_syntax_error_is_a_400_with_errors(gql, no_sql):
    with no_sql():
        response = gql("{ me { email ")
    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert error["message"].startswith("Syntax Error")
    assert error["extensions"]["code"] == "graphql_error"


def test_missing_query_is_a_400_with_errors(client):
    response = client.post(ENDPOINT, {}, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["errors"]


def test_introspection_is_refused_when_disabled(gql, settings, no_sql):
    settings.GRAPHQL_INTROSPECTION = False
    with no_sql():
        response = gql("{ __schema { queryType { name } } }")
    assert response.status_code == 400
    assert error_codes(response) == ["introspection_disabled"]
    # __typename is not introspection of the schema and stays available.
    assert gql("{ __typename }").json() == {"data": {"__typename": "Query"}}


def test_full_introspection_query_works_when_enabled(gql, settings):
    settings.GRAPHQL_INTROSPECTION = True
    response = gql(get_introspection_query())
    assert response.status_code == 200, response.content
    assert response.json()["data"]["__schema"]["queryType"]["name"] == "Query"


@pytest.mark.parametrize("production", [True, False])
def test_field_suggestions_only_outside_production(gql, settings, production):
    settings.PRODUCTION = production
    message = gql("{ me { emial } }").json()["errors"][0]["message"]
    assert message.startswith("Cannot query field 'emial' on type 'User'.")
    assert ("Did you mean" in message) is not production


def test_graphiql_is_served_only_in_debug(client, settings):
    settings.DEBUG = True
    page = client.get(ENDPOINT, HTTP_ACCEPT="text/html")
    assert page.status_code == 200
    assert b"graphiql" in page.content.lower()
    assert "Content-Security-Policy" not in page.headers

    settings.DEBUG = False
    response = client.get(ENDPOINT, HTTP_ACCEPT="text/html")
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content)["errors"]
