"""Abuse limits on pages: a decorator that answers 429 with Retry-After before the view runs."""

from functools import wraps

from django.shortcuts import render

from marketplace.core.ratelimit import RateLimited, rate_limit_request


def too_many_requests(request, exc: RateLimited):
    response = render(request, "429.html", {"message": exc.message_text}, status=429)
    response["Retry-After"] = str(exc.retry_after)
    return response


def rate_limited(action: str, *, methods=("POST",), extra_keys=None):
    """Count each `methods` request against RATE_LIMITS[action]; `extra_keys(request)` adds
    keys such as the address a login is attempted for."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method in methods:
                extra = extra_keys(request) if extra_keys else ()
                try:
                    rate_limit_request(request, action, *extra)
                except RateLimited as exc:
                    return too_many_requests(request, exc)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
