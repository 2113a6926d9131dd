"""Whole responses to anonymous public catalogue queries, cached under the catalogue version
(marketplace.core.readcache).

Eligible: a request with no Bearer token and no signed-in session, a `query` operation (never a
mutation or subscription) whose root fields are all public catalogue reads (`PUBLIC_ROOT_FIELDS`),
answered with `data` and no `errors`. The key is the printed (normalised) document, the
operation name, the variables, the active language, the host and the catalogue version, so a
different language, a different page or any change to the catalogue misses.

A lookup happens only after the API's own limits (size, depth, cost, aliases) accepted the
document and its cost was charged to the client's budget: a hit saves the database and the
execution, not the abuse limits, so a client cannot read more through the cache than it may
without it. A client varying its variables to defeat the cache pays the same as before.
"""

import json

from graphql import OperationType, print_ast
from graphql.language import DocumentNode, FieldNode, OperationDefinitionNode

from marketplace.core import readcache

from .budget import signed_in

NAMESPACE = "graphql"
# Root fields whose answers are the same for every anonymous visitor: the published catalogue.
PUBLIC_ROOT_FIELDS = frozenset(
    {
        "products",
        "product",
        "search",
        "searchSuggestions",
        "categories",
        "vendors",
        "vendor",
        "municipalities",
        "__typename",
    }
)


def _operation(document: DocumentNode, operation_name) -> OperationDefinitionNode | None:
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if operation_name:
        named = [op for op in operations if op.name and op.name.value == operation_name]
        return named[0] if len(named) == 1 else None
    return operations[0] if len(operations) == 1 else None


def _public_query(document: DocumentNode, operation_name) -> bool:
    operation = _operation(document, operation_name)
    if operation is None or operation.operation != OperationType.QUERY:
        return False
    # Fragments at the root could hide any field; public clients do not need them there.
    return all(
        isinstance(selection, FieldNode) and selection.name.value in PUBLIC_ROOT_FIELDS
        for selection in operation.selection_set.selections
    )


def key_for(request, document: DocumentNode | None, operation_name, variables) -> str | None:
    """The cache key for this request, or None when its answer must not be cached."""
    if document is None or not readcache.enabled():
        return None
    if request.GET.get("pretty") or not _public_query(document, operation_name):
        return None
    if request.META.get("HTTP_AUTHORIZATION") or signed_in(request):
        return None
    version = readcache.catalogue_version()
    if version is None:
        return None
    parts = [
        print_ast(document),
        operation_name or "",
        json.dumps(variables or {}, sort_keys=True, default=str),
        request.get_host(),
        request.scheme,
    ]
    return readcache.key_for(NAMESPACE, version, parts)


def lookup(key: str) -> str | None:
    body = readcache.get(key)
    return body if isinstance(body, str) else None


def store(key: str, body: str) -> None:
    readcache.put(key, body)
