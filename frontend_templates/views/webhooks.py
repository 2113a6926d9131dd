"""`POST /webhooks/<provider>/`: providers' event notifications, stored in the inbox.

The answer comes as soon as the call is verified and stored (processing runs after commit
through the task layer); a repeated event gets the same 200 and no second effect. Providers
retry anything that is not a 2xx, so only calls that can never succeed get a 4xx.
"""

from django.conf import settings
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from marketplace.core.error_codes import WebhookErrorCode
from marketplace.core.inbox import get_provider, inbox_receive


def _error(status: int, code: WebhookErrorCode, message: str) -> JsonResponse:
    return JsonResponse({"status": "error", "code": str(code), "message": message}, status=status)


@csrf_exempt
@require_POST
def webhook_receive(request, provider: str):
    handler = get_provider(provider)
    if handler is None:
        raise Http404
    declared = request.META.get("CONTENT_LENGTH") or "0"
    too_large = not declared.isdigit() or int(declared) > settings.WEBHOOK_MAX_BODY_BYTES
    if too_large or len(request.body) > settings.WEBHOOK_MAX_BODY_BYTES:
        return _error(413, WebhookErrorCode.TOO_LARGE, _("La notificación es demasiado grande."))
    receipt = inbox_receive(provider=handler, body=request.body, headers=request.headers)
    if not receipt.verified:
        return _error(
            400,
            WebhookErrorCode.SIGNATURE_INVALID,
            _("La firma de la notificación no es válida."),
        )
    return JsonResponse({"status": "accepted" if receipt.created else "duplicate"})
