from django.urls import path

from .views import payments

app_name = "payments"

urlpatterns = [
    path("pedidos/<uuid:token>/pagar/", payments.order_pay, name="pay"),
    path("pagos/<uuid:token>/", payments.payment_return, name="return"),
    path("pagos/<uuid:token>/reintentar/", payments.payment_retry, name="retry"),
    path("pagos/<uuid:token>/tarjeta/", payments.payment_stripe, name="stripe"),
    path("pagos/prueba/<slug:charge_id>/", payments.test_checkout, name="test_checkout"),
]
