"""Parsing and the specification's validation of a document, done once per document text.

Clients send the same few documents over and over (the storefront's, each app's) with
different variables. Parsing and validating the bench's 100-product list costs about 7 ms,
and both depend only on the text, the parser's limits and the schema, so each process keeps
the outcome per text in a bounded LRU. Our own limits (depth, aliases, page sizes, cost,
introspection) read the variables and settings, so they still run on every request.
"""

from functools import lru_cache

from django.conf import settings
from graphene_django.settings import graphene_settings
from graphql import DocumentNode, GraphQLError, GraphQLSchema, parse, specified_rules, validate
from graphql.language import StringValueNode, Visitor, visit

# Longer texts are parsed every time, so the cache holds at most 256 × 20 kB of source (and
# their syntax trees): a client sending ever-new large documents cannot grow it.
_MAX_CACHED_SOURCE = 20_000
_CACHE_SIZE = 256


class _NulFinder(Visitor):
    found = False

    def enter_string_value(self, node: StringValueNode, *_args):
        if "\x00" in node.value:
            self.found = True
            return self.BREAK
        return None


def _has_nul(document: DocumentNode) -> bool:
    finder = _NulFinder()
    visit(document, finder)
    return finder.found


class Prepared:
    """A parsed document, whether a string in it holds NUL, and (once asked) the errors of the
    specification's rules for one schema. Shared between requests: never mutated but for that
    memo, which any request would compute the same."""

    __slots__ = ("document", "has_nul", "_validated")

    def __init__(self, document: DocumentNode):
        self.document = document
        self.has_nul = _has_nul(document)
        self._validated: tuple[GraphQLSchema, list[GraphQLError]] | None = None

    def validation_errors(self, schema: GraphQLSchema) -> list[GraphQLError]:
        validated = self._validated
        if validated is None or validated[0] is not schema:
            errors = validate(
                schema,
                self.document,
                specified_rules,
                max_errors=graphene_settings.MAX_VALIDATION_ERRORS,
            )
            validated = self._validated = (schema, errors)
        return validated[1]


def _parse(query: str, max_tokens: int, max_length: int) -> Prepared:
    return Prepared(
        parse(
            query,
            no_location=False,
            max_lexical_tokens=max_tokens,
            max_source_length=max_length,
            max_comments=max_tokens,
        )
    )


_parse_cached = lru_cache(maxsize=_CACHE_SIZE)(_parse)


def prepare(query: str) -> Prepared:
    """The document in `query`; raises graphql-core's GraphQLError for a syntax error or a limit
    (never cached, so a refused text is refused again) and RecursionError for deep nesting."""
    limits = (settings.GRAPHQL_MAX_TOKENS, settings.GRAPHQL_MAX_BODY_BYTES)
    if len(query) > _MAX_CACHED_SOURCE:
        return _parse(query, *limits)
    return _parse_cached(query, *limits)
