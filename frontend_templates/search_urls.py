from django.urls import path

from .views import search

app_name = "search"

urlpatterns = [
    path("buscar/", search.results, name="results"),
    path("buscar/sugerencias/", search.suggestions, name="suggest"),
]
