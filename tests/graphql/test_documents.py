"""A document's text is parsed and validated once per process; refusals are never kept."""

import pytest
from graphql import GraphQLError

from marketplace.graphql import documents
from marketplace.graphql.schema import schema


@pytest.fixture(autouse=True)
def _empty_cache():
    documents._parse_cached.cache_clear()
    yield
    documents._parse_cached.cache_clear()


def test_the_same_text_is_parsed_and_validated_once():
    text = "{ products(first: 2) { edges { node { name } } } }"
    first = documents.prepare(text)
    assert first.validation_errors(schema.graphql_schema) == []
    again = documents.prepare(text)
    assert again is first
    assert documents._parse_cached.cache_info().hits == 1


def test_validation_errors_are_kept_with_the_document():
    text = "{ products(first: 2) { edges { node { nope } } } }"
    errors = documents.prepare(text).validation_errors(schema.graphql_schema)
    assert "nope" in errors[0].message
    assert documents.prepare(text).validation_errors(schema.graphql_schema) is errors


def test_a_syntax_error_is_raised_every_time():
    for _ in range(2):
        with pytest.raises(GraphQLError):
            documents.prepare("{ products(first: ")
    assert documents._parse_cached.cache_info().currsize == 0


def test_a_lower_token_limit_applies_to_a_text_parsed_before(settings):
    text = "{ a b c d e f }"
    documents.prepare(text)
    settings.GRAPHQL_MAX_TOKENS = 5
    with pytest.raises(GraphQLError, match="Parsing aborted"):
        documents.prepare(text)


def test_long_texts_are_not_kept():
    text = "{ a }" + " " * 20_001
    assert documents.prepare(text).document is not documents.prepare(text).document
    assert documents._parse_cached.cache_info().currsize == 0


def test_nul_in_a_string_is_found():
    assert documents.prepare('{ search(query: "a\\u0000") { totalCount } }').has_nul
    assert not documents.prepare('{ search(query: "a") { totalCount } }').has_nul
