from .services.cart import cart_merge_session_into_user


def merge_session_cart(sender, request, user, **kwargs):
    session = getattr(request, "session", None)
    if session is not None:
        cart_merge_session_into_user(session=session, user=user)
