"""Requests refused before any view sees them."""

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from .errors import CoreErrorCode

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _has_nul(data) -> bool:
    return any("\x00" in key or any("\x00" in v for v in values) for key, values in data.lists())


class RejectNulBytesMiddleware:
    """Answers 400 to a NUL character in the query string or a form field.

    No legitimate input contains one; PostgreSQL refuses them in text ("A string literal cannot
    contain NUL"), which would surface as a 500 from whichever view passed the value on. Checked
    once here instead of in every form and filter. (GraphQL JSON bodies are checked by the API.)
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _has_nul(request.GET) or (
            request.method == "POST"
            and request.content_type in FORM_TYPES
            and _has_nul(request.POST)
        ):
            return self.bad_request(request)
        return self.get_response(request)

    @staticmethod
    def bad_request(request):
        message = _("La solicitud contiene caracteres no permitidos.")
        if request.path.startswith("/graphql"):
            return JsonResponse(
                {
                    "errors": [
                        {
                            "message": message,
                            "extensions": {"code": str(CoreErrorCode.INVALID_CHARACTERS)},
                        }
                    ]
                },
                status=400,
            )
        return render(request, "400.html", {"message": message}, status=400)
