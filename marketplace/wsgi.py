import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")
application = get_wsgi_application()

# After the settings module is named: these read it.
from django.urls import get_resolver  # noqa: E402
from graphene_django.settings import graphene_settings  # noqa: E402

from marketplace.core import server_runtime  # noqa: E402

application = server_runtime.with_roomy_stack(application)
# What the first request would load, loaded before the heap is frozen: every view (through the
# URL conf) and the GraphQL schema.
get_resolver().url_patterns  # noqa: B018
graphene_settings.SCHEMA.graphql_schema  # noqa: B018
server_runtime.settle_heap()
