from django.urls import include, path

urlpatterns = [
    path("cuenta/", include(([], "accounts"))),
]
