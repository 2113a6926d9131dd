"""Whole responses to anonymous public catalogue queries, cached under the catalogue version
(marketplace.core.readcache).

Eligible: a request with no Authorization header and no signed-in session, a `query` operation
(never a mutation or subscription) whose root fields are all public catalogue reads
(`PUBLIC_ROOT_FIELDS`), answered with `data` and no `errors`. The key is the document's text,
the operation name, the variables, the active language, the host and the catalogue version, so
a different language, page or variable, or any change to the catalogue, misses.

Abuse limits: an entry is only ever stored for a text that passed every limit (size, tokens,
depth, aliases, cost) and was found eligible, so a later request with the same text and
variables is answered without parsing it again, but its stored cost is still charged to the
client's per-minute budget. Through the cache a client reads no more than it may without it;
it only costs the server less. A client varying its variables to defeat the cache pays the
full price of a miss, as before.
"""

import json

from graphql import OperationType
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


def public_query(document: DocumentNode, operation_name) -> bool:
    """A query (not a mutation or subscription) reading only public catalogue root fields."""
    operation = _operation(document, operation_name)
    if operation is None or operation.operation != OperationType.QUERY:
        return False
    # Fragments at the root could hide any field; public clients do not need them there.
    return all(
        isinstance(selection, FieldNode) and selection.name.value in PUBLIC_ROOT_FIELDS
        for selection in operation.selection_set.selections
    )


def key_for(request, query, operation_name, variables) -> str | None:
    """The key this anonymous request's answer is (or would be) cached under, or None when the
    request is signed in, cannot be cached or the cache is unavailable. Costs no parsing."""
    if not readcache.enabled() or not isinstance(query, str) or request.GET.get("pretty"):
        return None
    if request.META.get("HTTP_AUTHORIZATION") or signed_in(request):
        return None
    version = readcache.catalogue_version()
    if version is None:
        return None
    try:
        encoded = json.dumps(variables or {}, sort_keys=True)
    except (TypeError, ValueError):
        return None
    parts = [query, operation_name or "", encoded, request.get_host(), request.scheme]
    return readcache.key_for(NAMESPACE, version, parts)


def lookup(key: str) -> tuple[int, str] | None:
    """The stored (cost, body), if any."""
    entry = readcache.get(key)
    if isinstance(entry, tuple) and len(entry) == 2:
        return entry
    return None


def store(key: str, cost: int, body: str) -> None:
    readcache.put(key, (cost, body))
