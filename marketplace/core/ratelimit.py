"""Abuse limits: how many times a client (and an account) may do something in a window.

Counts live in the cache (Redis in production, shared by every web process) in fixed windows:
one counter per action, key and window, created with the window's lifetime and incremented
atomically. A request over a limit gets a Spanish message with code `rate_limited` and how many
seconds to wait, which the pages and the API send as `Retry-After`.

The limits are settings (RATE_LIMITS: action -> (allowed, window in seconds)), so operations
can tune them without a release.
"""

import hashlib
import math
import time
from collections.abc import Iterable

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import ngettext

from .client_ip import client_ip
from .errors import CoreErrorCode


class RateLimited(ValidationError):
    def __init__(self, retry_after: int):
        minutes = max(1, math.ceil(retry_after / 60))
        message = ngettext(
            "Hiciste demasiadas solicitudes. Intenta de nuevo en %(n)d minuto.",
            "Hiciste demasiadas solicitudes. Intenta de nuevo en %(n)d minutos.",
            minutes,
        ) % {"n": minutes}
        super().__init__(
            {NON_FIELD_ERRORS: ValidationError(message, code=CoreErrorCode.RATE_LIMITED)}
        )
        self.retry_after = retry_after
        self.message_text = message


def _cache_key(action: str, key: str, window: int) -> str:
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    return f"ratelimit:{action}:{digest}:{window}"


def rate_limit_hit(action: str, *, keys: Iterable[str], amount: int = 1) -> None:
    """Count `amount` for each key under `action`; raise RateLimited once any key is over its
    limit in the current window. Unknown actions are not limited."""
    allowed, seconds = settings.RATE_LIMITS.get(action, (None, None))
    if not allowed:
        return
    now = time.time()
    window = int(now // seconds)
    retry_after = max(1, math.ceil((window + 1) * seconds - now))
    over = False
    for key in {k for k in keys if k}:
        cache_key = _cache_key(action, key, window)
        cache.add(cache_key, 0, timeout=seconds + 1)
        try:
            count = cache.incr(cache_key, amount)
        except ValueError:  # expired between add and incr
            cache.set(cache_key, amount, timeout=seconds + 1)
            count = amount
        over = over or count > allowed
    if over:
        raise RateLimited(retry_after)


def request_keys(request, *extra: str) -> list[str]:
    """The client's address, the signed-in account if any, and `extra` keys (e.g. the address
    a login is attempted for)."""
    keys = [f"ip:{client_ip(request)}"]
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        keys.append(f"user:{user.pk}")
    keys.extend(extra)
    return keys


def rate_limit_request(request, action: str, *extra: str, amount: int = 1) -> None:
    """rate_limit_hit for one request; remembers the wait on the request for Retry-After."""
    try:
        rate_limit_hit(action, keys=request_keys(request, *extra), amount=amount)
    except RateLimited as exc:
        request.rate_limit_retry_after = exc.retry_after
        raise
