from django.urls import include, path

from .views.health import healthz, readyz
from .views.home import home
from .views.info_pages import about, contact, pqrs, terms
from .views.legal import privacy_policy
from .views.metrics import metrics
from .views.webhooks import webhook_receive

urlpatterns = [
    path("", home, name="home"),
    path("cuenta/", include("frontend_templates.account_urls")),
    path("consola/", include("frontend_templates.staff_urls")),
    path("", include("frontend_templates.vendor_urls")),
    path("", include("frontend_templates.catalog_urls")),
    path("", include("frontend_templates.search_urls")),
    path("", include("frontend_templates.cart_urls")),
    path("", include("frontend_templates.checkout_urls")),
    path("", include("frontend_templates.payments_urls")),
    path("politica-de-datos/", privacy_policy, name="privacy_policy"),
    path("terminos-de-uso/", terms, name="terms"),
    path("contacto/", contact, name="contact"),
    path("pqrs/", pqrs, name="pqrs"),
    path("el-programa/", about, name="about"),
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    path("metrics", metrics, name="metrics"),
    path("webhooks/<slug:provider>/", webhook_receive, name="webhook_receive"),
]
