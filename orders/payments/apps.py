from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    name = "orders.payments"
    label = "payments"
    verbose_name = "Payments"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import notifications, subscribers, webhooks  # noqa: F401 (notifications subscribe)

        webhooks.register_all()
        subscribers.register_all()
