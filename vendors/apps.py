from django.apps import AppConfig


class VendorsConfig(AppConfig):
    name = "vendors"
    verbose_name = "Vendors"

    def ready(self):
        from . import (
            media,
            personal_data,  # noqa: F401 (registers its data-subject rights handlers)
        )

        media.register()
