"""The bodies `python -m bench hostile` sends: each is refused with its stable code before
graphql-core's validation runs (some of its rules are quadratic) and before any SQL; the ones
refused for their length never reach the parser either. The harness's own timing is not part
of the suite."""

from unittest import mock

import pytest
from graphql.language.parser import Parser

from bench.hostile import NORMAL_BODY, hostile_bodies
from marketplace.graphql import documents

ENDPOINT = "/graphql/"
NOT_PARSED = {"too_many_tokens", "request_too_large"}


@pytest.fixture
def spies():
    """Spies on the third-party validator and parser: both still run, the test only sees
    whether they did. Parsed texts are kept per process, so the cache starts empty."""
    real_parse = Parser.parse_document
    documents._parse_cached.cache_clear()
    with (
        mock.patch.object(documents, "validate", wraps=documents.validate) as validate,
        mock.patch.object(Parser, "parse_document", autospec=True, side_effect=real_parse) as parse,
    ):
        yield validate, parse


@pytest.mark.parametrize("hostile", hostile_bodies(), ids=lambda h: h.name)
def test_each_hostile_body_is_refused_before_validation(
    hostile, client, db, django_assert_num_queries, spies
):
    validate, parse = spies
    with django_assert_num_queries(0):
        response = client.post(ENDPOINT, hostile.body, content_type="application/json")
    assert response.status_code == hostile.status
    [error] = response.json()["errors"]
    assert error["extensions"]["code"] == hostile.code
    assert error["message"]  # a Spanish sentence for people, beside the code for programs
    validate.assert_not_called()
    assert parse.called is (hostile.code not in NOT_PARSED)


def test_the_normal_query_of_the_measurement_is_answered(client, db, spies):
    validate, _parse = spies
    response = client.post(ENDPOINT, NORMAL_BODY, content_type="application/json")
    assert response.status_code == 200
    assert "errors" not in response.json()
    validate.assert_called_once()
