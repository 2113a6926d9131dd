"""Whole pages for first-time anonymous visitors, from the read cache.

A visitor with no session and no message waiting sees exactly what every other such visitor
sees at the same address, in the same language and under the same catalogue version, except
the CSRF token of the page's forms. The page is stored with that token replaced by a marker,
and each hit puts the visitor's own token in its place (Django then sets the CSRF cookie, as for
any page with a form). Anyone with a session (a cart, a sign-in, a message) gets the page
rendered for them. Entries go stale with the catalogue version (marketplace.core.readcache),
so a change a visitor can see is never served from an older page.

Only the query parameters a page reads make a page of their own: an address with any other
parameter is rendered and not stored, so made-up query strings cannot fill the cache.
"""

import re
from functools import wraps

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpResponse
from django.middleware.csrf import get_token

from marketplace.core import readcache

NAMESPACE = "page"
_TOKEN_MARKER = "\x00csrf-token\x00"
_TOKEN_FIELD = re.compile(r'(name="csrfmiddlewaretoken" value=")[A-Za-z0-9]{64}(")')


def _cacheable_visitor(request, params: frozenset[str]) -> bool:
    return (
        request.method == "GET"
        and params.issuperset(request.GET)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
        and not request.user.is_authenticated
    )


def _storable(request, response) -> bool:
    session = getattr(request, "session", None)
    return (
        response.status_code == 200
        and not response.streaming
        and response.get("Content-Type", "").startswith("text/html")
        and not response.cookies
        and not (session is not None and session.modified)
    )


def anonymous_page_cache(*params: str):
    """Serve the decorated view's page to first-time anonymous visitors from the read cache;
    `params` are the query parameters the page reads."""
    known = frozenset(params)

    def decorate(view):
        @wraps(view)
        def cached_view(request, *args, **kwargs):
            version = readcache.catalogue_version() if readcache.enabled() else None
            if version is None or not _cacheable_visitor(request, known):
                return view(request, *args, **kwargs)
            key = readcache.key_for(
                NAMESPACE, version, [request.scheme, request.get_host(), request.get_full_path()]
            )
            found = readcache.get(key)
            if found is not None:
                content_type, page = found
                if _TOKEN_MARKER in page:
                    page = page.replace(_TOKEN_MARKER, get_token(request))
                response = HttpResponse(page, content_type=content_type)
                response["X-Cache"] = "HIT"
                return response
            response = view(request, *args, **kwargs)
            if _storable(request, response):
                page = _TOKEN_FIELD.sub(rf"\g<1>{_TOKEN_MARKER}\g<2>", response.content.decode())
                readcache.put(key, (response["Content-Type"], page))
                response["X-Cache"] = "MISS"
            return response

        return cached_view

    return decorate
