from django.urls import path

from .views import cart

app_name = "cart"

urlpatterns = [
    path("carrito/", cart.cart_detail, name="detail"),
    path("carrito/agregar/", cart.cart_add, name="add"),
    path("carrito/lineas/<int:line_id>/", cart.cart_line_update, name="line_update"),
    path("carrito/lineas/<int:line_id>/quitar/", cart.cart_line_remove, name="line_remove"),
]
