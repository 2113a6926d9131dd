from django.urls import path

from .views import catalog_public

app_name = "catalog"

urlpatterns = [
    path("catalogo/", catalog_public.product_list, name="list"),
    path("catalogo/<slug:category_slug>/", catalog_public.product_list, name="category"),
    path("producto/<slug:slug>/", catalog_public.product_detail, name="product"),
    path("producto/<slug:slug>/cotizacion/", catalog_public.quote_request, name="quote"),
]
