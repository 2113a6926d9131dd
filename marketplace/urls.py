from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from frontend_templates.views.media import media
from marketplace.graphql.views import graphql_view

urlpatterns = [
    path("graphql/", graphql_view, name="graphql"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include("frontend_templates.urls")),
]

if not settings.MEDIA_S3_BUCKET:
    urlpatterns.insert(0, re_path(r"^media/(?P<path>.+)$", media, name="media"))
