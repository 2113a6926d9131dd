"""Backend selection. Elasticsearch is imported only when it is configured, so the embedded
default never loads the client."""

from .. import conf
from .base import SearchBackend, SearchUnavailable

__all__ = [
    "SearchBackend",
    "SearchUnavailable",
    "database_backend",
    "get_backend",
    "write_backends",
]


def database_backend() -> SearchBackend:
    from .database import DatabaseBackend

    return DatabaseBackend()


def elasticsearch_backend() -> SearchBackend:
    from .elasticsearch import ElasticsearchBackend

    return ElasticsearchBackend()


def get_backend(name: str | None = None) -> SearchBackend:
    """The backend that answers queries: SEARCH_BACKEND, else Elasticsearch when
    ELASTICSEARCH_URL is set, else the database."""
    name = name or conf.backend_name()
    if name == conf.ELASTICSEARCH:
        return elasticsearch_backend()
    return database_backend()


def write_backends() -> list[SearchBackend]:
    """Every index the pipeline keeps in step. The database index is always kept: it is what
    answers when Elasticsearch is down, so the fallback never serves a stale or empty index."""
    backends = [database_backend()]
    if conf.elasticsearch_url():
        backends.append(elasticsearch_backend())
    return backends
