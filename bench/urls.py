from django.urls import path

from marketplace.urls import urlpatterns as store_urlpatterns

from .floor import floor

urlpatterns = [path("__bench__/floor/", floor), *store_urlpatterns]
