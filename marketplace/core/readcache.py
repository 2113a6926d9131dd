"""Cached public catalogue reads, kept correct by one catalogue version.

Every cached answer (an anonymous GraphQL response, a search page's ids and facets, autocomplete
suggestions) is stored under a key that includes the current catalogue version. Anything an
anonymous reader can see that changes (a listing, its price or stock, photos, a vendor's state
or name, the category tree, a moderation decision) bumps the version right after its
transaction commits (`catalogue_changed`, driven by the domain events), so the next read misses
and recomputes; old entries are never read again and expire. `READ_CACHE_SECONDS` bounds every
entry's life as a safety net.

A reader takes the version *before* it reads the database. A change that commits after that
bumps the version, so whatever the reader stores is filed under the old version and never
served once the bump is seen; a reader that sees the new version reads after the commit.

The cache is an optimisation only: when it is unavailable every function here answers as if it
were empty (and logs), so reads fall back to the database instead of failing.
"""

import hashlib
import json
import logging
import time
from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.utils import translation

logger = logging.getLogger(__name__)

ALIAS = "reads"
VERSION_KEY = "catalogue-version"
T = TypeVar("T")


def _cache():
    return caches[ALIAS]


def enabled() -> bool:
    return settings.READ_CACHE_SECONDS > 0


def _fresh_version() -> int:
    # Seeded from the clock, never from 1: should the counter be evicted while old entries
    # survive, a reseeded version cannot coincide with theirs.
    return time.time_ns() // 1000


def catalogue_version() -> int | None:
    """The current version, or None when the cache cannot be reached (read uncached)."""
    try:
        version = _cache().get(VERSION_KEY)
        if version is None:
            _cache().add(VERSION_KEY, _fresh_version(), timeout=None)
            version = _cache().get(VERSION_KEY)
        return version
    except Exception:
        logger.warning("Read cache unavailable; reading uncached", exc_info=True)
        return None


def bump() -> None:
    """Make every cached read stale now. Idempotent in effect: bumping twice costs one more
    miss per key, nothing else."""
    try:
        try:
            _cache().incr(VERSION_KEY)
        except ValueError:  # no counter yet (or evicted): any new value will do
            _cache().set(VERSION_KEY, _fresh_version(), timeout=None)
    except Exception:
        # With the cache down nothing is served from it; when it comes back its entries carry
        # an old version or expire within READ_CACHE_SECONDS.
        logger.warning("Read cache unavailable; catalogue version not bumped", exc_info=True)


def catalogue_changed() -> None:
    """Call inside the transaction that changes what anonymous readers see: the version is
    bumped once it commits (at once outside a transaction), never for a rollback."""
    transaction.on_commit(bump, robust=True)


def on_catalogue_event(_event) -> None:
    """A domain event subscriber (see marketplace.core.events.on_commit): runs after commit."""
    bump()


def key_for(namespace: str, version: int, parts: Any) -> str:
    """A key for `parts` (JSON values) under the active language and `version`."""
    raw = json.dumps(
        [translation.get_language(), parts], sort_keys=True, separators=(",", ":"), default=str
    )
    digest = hashlib.sha256(raw.encode()).hexdigest()
    return f"{namespace}:{version}:{digest}"


def get(key: str) -> Any | None:
    try:
        return _cache().get(key)
    except Exception:
        logger.warning("Read cache unavailable; reading uncached", exc_info=True)
        return None


def put(key: str, value: Any) -> None:
    try:
        _cache().set(key, value, timeout=settings.READ_CACHE_SECONDS)
    except Exception:
        logger.warning("Read cache unavailable; answer not stored", exc_info=True)


def remember(
    namespace: str,
    parts: Any,
    compute: Callable[[], T],
    *,
    keep: Callable[[T], bool] = lambda _value: True,
) -> T:
    """`compute()`'s answer for `parts`, from the cache when this catalogue version already
    answered it. Answers `keep` refuses (degraded, partial) are returned but not stored."""
    version = catalogue_version() if enabled() else None
    if version is None:
        return compute()
    key = key_for(namespace, version, parts)
    found = get(key)
    if found is not None:
        return found
    value = compute()
    if keep(value):
        put(key, value)
    return value
