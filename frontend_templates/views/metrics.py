"""`/metrics` for Prometheus: only for a scraper holding METRICS_TOKEN, absent without one."""

import hmac

from django.conf import settings
from django.http import Http404, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from prometheus_client import CONTENT_TYPE_LATEST

from marketplace.accounts.middleware import bearer_token
from marketplace.core.metrics import render_metrics


@never_cache
@require_safe
def metrics(request):
    expected = settings.METRICS_TOKEN
    if not expected:
        raise Http404
    given = bearer_token(request) or ""
    if not hmac.compare_digest(given.encode(), expected.encode()):
        response = HttpResponse("", status=401, content_type="text/plain")
        response["WWW-Authenticate"] = 'Bearer realm="metrics"'
        return response
    return HttpResponse(render_metrics(), content_type=CONTENT_TYPE_LATEST)
