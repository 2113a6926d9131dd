"""The browser's handle on a cart: pages keep the cart token in the session. This is the only
orders module that knows about requests and sessions; services and selectors take the cart."""

import hashlib
import hmac
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from .models import Cart, CartLine
from .selectors import cart_get_anonymous, cart_get_for_user, cart_item_count, token_parse
from .services import cart as cart_services

CART_SESSION_KEY = "orders.cart_token"


def session_cart_token(session):
    return token_parse(session.get(CART_SESSION_KEY)) if session is not None else None


def _user(request):
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def request_cart(request) -> Cart | None:
    """The cart of whoever makes the request, or None while they have none."""
    user = _user(request)
    if user is not None:
        return cart_get_for_user(user=user)
    return cart_get_anonymous(token=session_cart_token(getattr(request, "session", None)))


def request_cart_item_count(request) -> int:
    return cart_item_count(
        user=_user(request), token=session_cart_token(getattr(request, "session", None))
    )


def _session_cart_token(session) -> uuid.UUID:
    """The token a session's first cart gets, derived from the session key (keyed, so it does
    not reveal the key): parallel first adds in one session, which all read the session before
    any of them stored a token, reach the same cart instead of each creating one and losing the
    others' lines when the last session write wins."""
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"cart:{session.session_key}".encode(), hashlib.sha256
    ).digest()
    return uuid.UUID(bytes=digest[:16], version=4)


def request_cart_add(request, *, variant, quantity) -> CartLine:
    """cart_add on the requester's cart, which is created with the line and not without it."""
    had_token = CART_SESSION_KEY in request.session
    if _user(request) is None and request.session.session_key is None:
        # Stored before the transaction: a refusal below rolls it back, and the session must
        # outlive that to carry the refusal's message.
        request.session.save()
    try:
        with transaction.atomic():
            cart = request_cart(request)
            if cart is None and _user(request) is not None:
                cart = cart_services.cart_create(user=_user(request))
            elif cart is None:
                cart = cart_services.cart_create(token=_session_cart_token(request.session))
                request.session[CART_SESSION_KEY] = str(cart.token)
            return cart_services.cart_add(cart=cart, variant=variant, quantity=quantity)
    except ValidationError:
        if not had_token:
            request.session.pop(CART_SESSION_KEY, None)
        raise


def merge_session_cart_into_user(*, session, user) -> Cart | None:
    token = session_cart_token(session)
    if token is None:
        return None
    session.pop(CART_SESSION_KEY, None)
    return cart_services.cart_merge_anonymous_into_user(token=token, user=user)
