from .web import merge_session_cart_into_user


def merge_session_cart(sender, request, user, **kwargs):
    session = getattr(request, "session", None)
    if session is not None:
        merge_session_cart_into_user(session=session, user=user)
