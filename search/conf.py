"""Search settings. Each reads the Django setting when present, else the environment, else a
default, so the demo needs none and settings.py can adopt them one by one.

| name | default | meaning |
|---|---|---|
| SEARCH_BACKEND | "elasticsearch" when ELASTICSEARCH_URL is set, else "database" | which backend answers queries |
| ELASTICSEARCH_URL | "" | e.g. http://user:pass@es:9200; empty means no Elasticsearch |
| ELASTICSEARCH_INDEX | "tienda-products" | alias the product index is reached through |
| ELASTICSEARCH_TIMEOUT | 5 | seconds before a request counts as "search is down" |
| SEARCH_INDEX_BATCH_SIZE | 200 | products re-indexed per task and per bulk request |
| SEARCH_EXACT_LIMIT | 1000 | matches counted and ranked exactly; past it, the database backend ranks a bounded candidate set and estimates the total and facets |
| SEARCH_RANK_POOL | 200 | past SEARCH_EXACT_LIMIT, how many of the newest name matches and of the newest matches the database backend ranks |
"""

import os

from django.conf import settings

DATABASE = "database"
ELASTICSEARCH = "elasticsearch"
BACKENDS = (DATABASE, ELASTICSEARCH)


def _get(name: str, default: str) -> str:
    value = getattr(settings, name, None)
    if value is None:
        value = os.environ.get(name, default)
    return str(value).strip()


def elasticsearch_url() -> str:
    return _get("ELASTICSEARCH_URL", "")


def backend_name() -> str:
    explicit = _get("SEARCH_BACKEND", "").lower()
    if explicit in BACKENDS:
        return explicit
    return ELASTICSEARCH if elasticsearch_url() else DATABASE


def elasticsearch_index() -> str:
    return _get("ELASTICSEARCH_INDEX", "tienda-products") or "tienda-products"


def elasticsearch_timeout() -> float:
    try:
        return max(float(_get("ELASTICSEARCH_TIMEOUT", "5")), 0.1)
    except ValueError:
        return 5.0


def batch_size() -> int:
    try:
        return max(int(_get("SEARCH_INDEX_BATCH_SIZE", "200")), 1)
    except ValueError:
        return 200


def exact_limit() -> int:
    try:
        return max(int(_get("SEARCH_EXACT_LIMIT", "1000")), 1)
    except ValueError:
        return 1000


def rank_pool() -> int:
    try:
        return max(int(_get("SEARCH_RANK_POOL", "200")), 1)
    except ValueError:
        return 200
