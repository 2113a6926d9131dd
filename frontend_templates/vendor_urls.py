from django.urls import path

from .views import onboarding, vendor_dashboard, vendor_settlements, vendors_public

app_name = "vendors"

urlpatterns = [
    path("negocios/", vendors_public.directory, name="directory"),
    path("negocios/<slug:slug>/", vendors_public.detail, name="detail"),
    path("vender/", onboarding.start, name="onboarding_start"),
    path("vender/codigo/", onboarding.code, name="onboarding_code"),
    path("vender/solicitud-enviada/", onboarding.done, name="onboarding_done"),
    path("vender/panel/", vendor_dashboard.dashboard, name="dashboard"),
    path("vender/panel/negocio/", vendor_dashboard.dashboard_select, name="dashboard_select"),
    path("vender/panel/perfil/", vendor_dashboard.profile_edit, name="profile_edit"),
    path("vender/panel/equipo/", vendor_dashboard.team, name="team"),
    path(
        "vender/panel/liquidaciones/",
        vendor_settlements.vendor_settlements,
        name="settlements",
    ),
    path(
        "vender/panel/equipo/<int:membership_id>/quitar/",
        vendor_dashboard.team_remove,
        name="team_remove",
    ),
    # The members service builds the invitation email's link with this name.
    path(
        "vender/invitacion/<str:token>/",
        vendor_dashboard.invitation_accept,
        name="invitation_accept",
    ),
]

# The dashboard's catalogue: products and services, their variants, stock and photos, the CSV
# export and import, and quote requests (views/dashboard_catalog).
from .views.dashboard_catalog import (  # noqa: E402 - appended section, kept with its routes
    images as catalog_images,
)
from .views.dashboard_catalog import portfolio as catalog_portfolio  # noqa: E402
from .views.dashboard_catalog import products as catalog_products  # noqa: E402
from .views.dashboard_catalog import quotes as catalog_quotes  # noqa: E402
from .views.dashboard_catalog import variants as catalog_variants  # noqa: E402

PRODUCT = "vender/panel/productos/<int:product_id>/"

urlpatterns += [
    path("vender/panel/productos/", catalog_products.product_list, name="products"),
    path("vender/panel/productos/nuevo/", catalog_products.product_new, name="product_create"),
    path(
        "vender/panel/productos/exportar.csv",
        catalog_portfolio.portfolio_export,
        name="products_export",
    ),
    path(
        "vender/panel/productos/importar/",
        catalog_portfolio.portfolio_import,
        name="products_import",
    ),
    path(
        "vender/panel/productos/importar/confirmar/",
        catalog_portfolio.portfolio_import_confirm,
        name="products_import_confirm",
    ),
    path(
        "vender/panel/productos/importar/descartar/",
        catalog_portfolio.portfolio_import_cancel,
        name="products_import_cancel",
    ),
    path(PRODUCT, catalog_products.product_edit, name="product_edit"),
    path(PRODUCT + "enviar-a-revision/", catalog_products.product_submit, name="product_submit"),
    path(PRODUCT + "retirar/", catalog_products.product_withdraw, name="product_unpublish"),
    path(
        PRODUCT + "descartar-cambios/",
        catalog_products.product_revision_drop,
        name="product_revision_discard",
    ),
    path(PRODUCT + "archivar/", catalog_products.product_archive_confirm, name="product_archive"),
    path(PRODUCT + "variantes/", catalog_variants.variant_add, name="variant_create"),
    path(
        PRODUCT + "variantes/<int:variant_id>/",
        catalog_variants.variant_edit,
        name="variant_update",
    ),
    path(
        PRODUCT + "variantes/<int:variant_id>/eliminar/",
        catalog_variants.variant_remove,
        name="variant_delete",
    ),
    path(
        PRODUCT + "variantes/<int:variant_id>/existencias/",
        catalog_variants.variant_stock,
        name="stock_adjust",
    ),
    path(PRODUCT + "fotos/", catalog_images.image_add, name="image_create"),
    path(
        PRODUCT + "fotos/<int:image_id>/eliminar/",
        catalog_images.image_remove,
        name="image_delete",
    ),
    path(
        PRODUCT + "fotos/<int:image_id>/mover/",
        catalog_images.image_move,
        name="image_move",
    ),
    path("vender/panel/cotizaciones/", catalog_quotes.quote_list, name="quotes"),
    path(
        "vender/panel/cotizaciones/<int:quote_id>/respondida/",
        catalog_quotes.quote_answered,
        name="quote_answered",
    ),
]

# The dashboard's notices of moderation decisions (views/vendor_notifications).
from .views import vendor_notifications  # noqa: E402 - appended section, kept with its routes

urlpatterns += [
    path("vender/panel/avisos/", vendor_notifications.notification_list, name="notifications"),
    path(
        "vender/panel/avisos/marcar-leidos/",
        vendor_notifications.notification_mark_all_read,
        name="notifications_mark_read",
    ),
    path(
        "vender/panel/avisos/<int:notification_id>/",
        vendor_notifications.notification_open,
        name="notification_open",
    ),
]

from .views import dashboard_orders  # noqa: E402 - appended section, kept with its routes

ORDER = "vender/panel/pedidos/<int:part_id>/"

urlpatterns += [
    path("vender/panel/pedidos/", dashboard_orders.order_list, name="orders"),
    path("vender/panel/pedidos/exportar/", dashboard_orders.order_export, name="order_export"),
    path("vender/panel/pedidos/<int:part_id>/", dashboard_orders.order_detail, name="order_detail"),
    path(ORDER + "enviado/", dashboard_orders.order_ship, name="order_ship"),
    path(ORDER + "listo/", dashboard_orders.order_ready, name="order_ready"),
    path(ORDER + "entregado/", dashboard_orders.order_delivered, name="order_delivered"),
    path(ORDER + "cancelar/", dashboard_orders.order_cancel, name="order_cancel"),
    path(
        ORDER + "aceptar-retracto/",
        dashboard_orders.order_retracto_accept,
        name="order_retracto_accept",
    ),
]
