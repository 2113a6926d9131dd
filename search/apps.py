from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Search"

    def ready(self):
        # Search listens to the apps below it; they never import search (see ARCHITECTURE).
        from . import handlers

        handlers.register()
