from django.urls import path

from .views import checkout

app_name = "checkout"

urlpatterns = [
    path("comprar/", checkout.checkout, name="start"),
    path("pedidos/<uuid:token>/", checkout.order_status, name="order"),
    path(
        "pedidos/<uuid:token>/retracto/<int:part_id>/",
        checkout.order_retracto,
        name="retracto",
    ),
    path("pedidos/<uuid:token>/pqr/", checkout.order_complaint, name="complaint"),
    path("cuenta/pedidos/", checkout.order_history, name="history"),
]
