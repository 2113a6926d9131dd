from django.contrib.auth.models import AnonymousUser
from django.utils.functional import SimpleLazyObject

from .tokens import user_from_token


def bearer_token(request) -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return token.strip()
    return None


class BearerTokenMiddleware:
    """Authenticates API clients from `Authorization: Bearer <access token>`.

    The user is resolved lazily, so a request rejected before execution (an over-limit GraphQL
    query) never touches the database. A bad token means an anonymous request, not an error page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = bearer_token(request)
        if token is not None:
            request.bearer_token = token
            request.user = SimpleLazyObject(lambda: user_from_token(token) or AnonymousUser())
        return self.get_response(request)
