"""The API plus a stand-in for the page that accepts an invitation, for tests that send one
while the vendor pages do not define it (the service links to it by name)."""

from django.http import HttpResponse
from django.urls import include, path

from marketplace.graphql.views import graphql_view

invitation_patterns = (
    [
        path(
            "invitacion/<str:token>/",
            lambda request, token: HttpResponse(),
            name="invitation_accept",
        )
    ],
    "vendors",
)

urlpatterns = [
    path("graphql/", graphql_view, name="graphql"),
    path("negocio/", include(invitation_patterns)),
]
