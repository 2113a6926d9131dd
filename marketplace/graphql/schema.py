"""The API schema, assembled from each app's `graphql` package.

An app takes part by exporting `Query` and, when it has any, `Mutation` (graphene ObjectTypes)
from `<app>/graphql/__init__.py`, and by being listed here, in dependency order.
"""

from importlib import import_module
from pathlib import Path

import graphene
from django.conf import settings
from graphql import print_schema

GRAPHQL_APPS = [
    "marketplace.accounts.graphql",
    "vendors.graphql",
    "catalog.graphql",
    "orders.graphql",
    "orders.payments.graphql",
    "search.graphql",
]

SCHEMA_PATH = Path(settings.BASE_DIR) / "schema.graphql"


def _import_apps(paths: list[str]) -> list:
    modules = []
    for path in paths:
        try:
            modules.append(import_module(path))
        except ModuleNotFoundError as exc:
            # An app whose API is not written yet. Any other import failure, including a
            # missing module inside an existing package, is a bug and must surface.
            if exc.name != path:
                raise
    return modules


def build_schema(paths: list[str]) -> graphene.Schema:
    modules = _import_apps(paths)
    queries = [m.Query for m in modules if hasattr(m, "Query")]
    mutations = [m.Mutation for m in modules if hasattr(m, "Mutation")]

    class Query(*queries, graphene.ObjectType):
        pass

    class Mutation(*mutations, graphene.ObjectType):
        pass

    # An empty Mutation type is invalid GraphQL, so the root is omitted until an app has one.
    return graphene.Schema(query=Query, mutation=Mutation if mutations else None)


def schema_sdl(graphql_schema: graphene.Schema | None = None) -> str:
    """The schema as SDL, exactly as `export_schema` writes it."""
    return print_schema((graphql_schema or schema).graphql_schema) + "\n"


schema = build_schema(GRAPHQL_APPS)
