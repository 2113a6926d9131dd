from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "marketplace.core"
    label = "core"
    verbose_name = "Core"

    def ready(self):
        # Celery signal handlers that carry the request id into tasks (web and worker alike).
        from . import metrics, request_id  # noqa: F401
