"""What one request may spend: checks on the raw request and the parsed document that run
before graphql-core validates it (some specification rules take quadratic time), separate cost
budgets for anonymous and signed-in clients, and a time budget enforced while executing.

Nothing here reads `request.user` unless a document is within the signed-in budget but above
the anonymous one, so a request refused for its shape never reaches the database.
"""

import re
import time
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from graphql import GraphQLError

from marketplace.accounts.tokens import access_token_is_signed
from marketplace.core.client_ip import client_ip
from marketplace.core.errors import CoreErrorCode
from marketplace.core.ratelimit import RateLimited, rate_limit_hit

from .cost import document_cost
from .documents import Prepared, prepare
from .validation import check_limits


def limit_error(message: str, code: str) -> GraphQLError:
    return GraphQLError(message, extensions={"code": code})


# GraphQL's lexical tokens (block string, string, spread, number, name, punctuator), and comments
# in the one capturing group. graphql-core's parser builds a node for every token, in Python, so
# reaching its token limit costs about as much as parsing that many tokens (tens of ms, repeated
# by every hostile request); this count runs in the regex engine, two orders of magnitude faster.
# For a valid document it finds the parser's own tokens, never more (whitespace, commas and
# anything unknown are skipped), so the parser's limit stays the real one.
_LEXICAL = re.compile(
    r"[_A-Za-z][_0-9A-Za-z]*|[!$&()\[\]{}:=@|]|\.\.\.|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?"
    r'|"""(?:\\"""|(?!""")[\s\S])*"""|"(?:[^"\\\n\r]|\\.)*"|(#[^\n\r]*)'
)


def too_many_tokens(query: str) -> bool:
    """Whether `query` holds more tokens or comments than the parser would accept. Stops at the
    first token past the limit, so a long document costs no more than a short one."""
    limit = settings.GRAPHQL_MAX_TOKENS
    if len(query) <= limit:  # every token takes at least one character
        return False
    tokens = comments = 0
    for match in _LEXICAL.finditer(query):
        if match.lastindex:  # the comment group
            comments += 1
            if comments > limit:
                return True
        else:
            tokens += 1
            if tokens > limit:
                return True
    return False


def _too_many_tokens_error() -> GraphQLError:
    return limit_error(
        _("La consulta es demasiado larga (máximo %(limit)d elementos).")
        % {"limit": settings.GRAPHQL_MAX_TOKENS},
        "too_many_tokens",
    )


def body_too_large(request) -> bool:
    """Whether a JSON or GET request carries more than GRAPHQL_MAX_BODY_BYTES. Decided from
    the declared length when there is one, so an oversized body is never read or decoded.
    Multipart uploads carry files and are bounded by their query length instead."""
    limit = settings.GRAPHQL_MAX_BODY_BYTES
    if len(request.META.get("QUERY_STRING", "")) > limit:
        return True
    if request.content_type == "multipart/form-data":
        return False
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    return declared > limit


def has_nul(value: Any, depth: int = 0) -> bool:
    """Whether a string anywhere in a JSON value holds a NUL character (PostgreSQL refuses them
    and other code mishandles them); nesting past 64 levels counts as bad input too."""
    if depth > 64:
        return True
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, Mapping):
        return any(has_nul(k, depth + 1) or has_nul(v, depth + 1) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(has_nul(v, depth + 1) for v in value)
    return False


def signed_in(request) -> bool:
    """Whether the request comes from a signed-in client. A Bearer token is judged by its
    signature alone (no query); a session cookie costs the usual session lookup."""
    token = getattr(request, "bearer_token", None)
    if token:
        return access_token_is_signed(token)
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    return bool(request.user.is_authenticated)


def precheck(request, schema, query: Any, variables: Any) -> tuple[Prepared | None, list]:
    """Parse and check a document before the specification's validation. Returns the parsed
    document and the errors that refuse it (an empty list lets it go on to validation)."""
    if not isinstance(query, str):
        return None, [limit_error(_("La consulta debe ser un texto."), "invalid_query")]
    if variables is not None and not isinstance(variables, Mapping):
        return None, [
            limit_error(_("Las variables deben ser un objeto JSON."), "invalid_variables")
        ]
    if len(variables or {}) > settings.GRAPHQL_MAX_VARIABLES:
        return None, [
            limit_error(
                _("La consulta envía %(count)d variables; se permiten como máximo %(limit)d.")
                % {"count": len(variables), "limit": settings.GRAPHQL_MAX_VARIABLES},
                "too_many_variables",
            )
        ]
    if too_many_tokens(query):
        return None, [_too_many_tokens_error()]
    try:
        prepared = prepare(query)
    except GraphQLError as error:
        if "Parsing aborted" in error.message:  # one of the limits above, not a syntax error
            return None, [_too_many_tokens_error()]
        return None, [error]
    except RecursionError:
        return None, [limit_error(_("La consulta está anidada demasiado."), "query_too_deep")]
    document = prepared.document
    if prepared.has_nul or has_nul(variables):
        return None, [
            limit_error(
                _("La consulta contiene caracteres no permitidos (NUL)."), "invalid_characters"
            )
        ]
    errors = check_limits(schema, document, variables)
    if errors:
        return None, errors
    limit = settings.GRAPHQL_MAX_COST_ANONYMOUS
    cost = document_cost(schema, document, variables)
    if cost > limit and not signed_in(request):
        return None, [
            limit_error(
                _(
                    "La consulta cuesta %(cost)d, más que el límite de %(limit)d para visitantes "
                    "sin sesión. Pide menos campos o páginas más pequeñas, o inicia sesión."
                )
                % {"cost": cost, "limit": limit},
                "query_too_costly",
            )
        ]
    errors = charge(request, cost)
    if errors:
        return None, errors
    request.graphql_cost = cost
    return prepared, []


def charge(request, cost: int) -> list[GraphQLError]:
    """Count the document's cost against the client's budget; an error once it is spent."""
    try:
        rate_limit_hit("graphql_cost", keys=[f"ip:{client_ip(request)}"], amount=max(cost, 1))
    except RateLimited as exc:
        request.rate_limit_retry_after = exc.retry_after
        return [limit_error(exc.message_text, str(CoreErrorCode.RATE_LIMITED))]
    return []


class TimeBudgetExceeded(BaseException):
    """Raised from inside execution. A BaseException, so graphql-core does not turn it into one
    field error per remaining field and execution stops at once (a mutation's transaction rolls
    back as for any exception)."""


class TimeBudget:
    """A request's deadline. The executor (marketplace.graphql.execution) checks it before
    running each object's fields and raises TimeBudgetExceeded once it has passed."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds

    @staticmethod
    def error() -> GraphQLError:
        return limit_error(
            _("La consulta tardó más de lo permitido. Pide menos datos o páginas más pequeñas."),
            "time_budget_exceeded",
        )
