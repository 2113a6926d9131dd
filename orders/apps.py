from django.apps import AppConfig


class OrdersConfig(AppConfig):
    name = "orders"
    verbose_name = "Orders"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from . import (
            notifications,  # noqa: F401 (registers the email handlers)
            personal_data,  # noqa: F401 (registers its data-subject rights handlers)
        )
        from .signals import merge_session_cart

        # Django's own login signal: a visitor's cart must follow them into their account.
        user_logged_in.connect(merge_session_cart, dispatch_uid="orders.merge_session_cart")
