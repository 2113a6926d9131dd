import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")

from marketplace.core import server_runtime  # noqa: E402 - after the settings module is named

application = server_runtime.with_roomy_stack(get_wsgi_application())
server_runtime.settle_heap()
