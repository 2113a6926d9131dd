"""Local media files (the embedded default). Rendition names are unique per upload, so they are
cached for a year; at scale nginx or the S3 bucket serve them with the same header."""

from django.conf import settings
from django.views.decorators.http import require_safe
from django.views.static import serve


@require_safe
def media(request, path):
    # `serve` refuses paths that leave MEDIA_ROOT and sets the content type from the name.
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["Cache-Control"] = settings.MEDIA_CACHE_CONTROL
    return response
