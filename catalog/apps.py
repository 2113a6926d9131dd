from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "catalog"
    verbose_name = "Catalog"

    def ready(self):
        from . import (
            handlers,
            media,
            personal_data,  # noqa: F401 (registers its data-subject rights handlers)
        )

        handlers.register()
        media.register()
