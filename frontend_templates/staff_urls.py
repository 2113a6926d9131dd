from django.urls import path

from .views.staff import home, roster, roster_import, settlements, vendors

app_name = "staff"

urlpatterns = [
    path("", home.home, name="home"),
    path("liquidaciones/", settlements.settlements, name="settlements"),
    path(
        "liquidaciones/<int:vendor_order_id>/pagar/",
        settlements.settlement_pay,
        name="settlement_pay",
    ),
    path("registro/", roster.roster, name="roster"),
    path("registro/plantilla.csv", roster.roster_template, name="roster_template"),
    path("registro/importar/", roster_import.roster_import, name="roster_import"),
    path(
        "registro/importar/confirmar/",
        roster_import.roster_import_confirm,
        name="roster_import_confirm",
    ),
    path(
        "registro/importar/descartar/",
        roster_import.roster_import_cancel,
        name="roster_import_cancel",
    ),
    path("registro/<int:enrollment_id>/", roster.enrollment_detail, name="enrollment_detail"),
    path(
        "registro/<int:enrollment_id>/estado/",
        roster.enrollment_status,
        name="enrollment_status",
    ),
    path("solicitudes/", vendors.applications, name="applications"),
    path(
        "solicitudes/<int:vendor_id>/aprobar/",
        vendors.application_approve,
        name="application_approve",
    ),
    path(
        "solicitudes/<int:vendor_id>/rechazar/",
        vendors.application_reject,
        name="application_reject",
    ),
    path("vendedores/", vendors.vendor_list, name="vendors"),
    path("vendedores/<int:vendor_id>/", vendors.vendor_detail, name="vendor_detail"),
    path(
        "vendedores/<int:vendor_id>/suspender/",
        vendors.vendor_suspend_view,
        name="vendor_suspend",
    ),
    path(
        "vendedores/<int:vendor_id>/reactivar/",
        vendors.vendor_reactivate_view,
        name="vendor_reactivate",
    ),
]

# The moderation queue and the review of each case, for moderators and coordinators.
from .views.staff import moderation  # noqa: E402 - appended section, kept with its routes

urlpatterns += [
    path("publicaciones/", moderation.queue, name="listings"),
    path("publicaciones/aprobar/", moderation.approve_selected, name="listings_approve"),
    path("publicaciones/<int:case_id>/", moderation.review, name="listing_review"),
    path("publicaciones/<int:case_id>/aprobar/", moderation.approve, name="listing_approve"),
    path("publicaciones/<int:case_id>/rechazar/", moderation.reject, name="listing_reject"),
    path("publicaciones/<int:case_id>/retirar/", moderation.takedown, name="listing_takedown"),
]

# Oversight: the audit log (moderators and coordinators) and moderation metrics (coordinators).
from .views.staff import audit, data_requests, moderation_metrics  # noqa: E402 - appended section

urlpatterns += [
    path("datos-personales/", data_requests.data_requests, name="data_requests"),
    path(
        "datos-personales/<int:request_id>/eliminar/",
        data_requests.data_request_carry_out,
        name="data_request_carry_out",
    ),
    path(
        "datos-personales/<int:request_id>/prorrogar/",
        data_requests.data_request_extend,
        name="data_request_extend",
    ),
    path("auditoria/", audit.audit_log, name="audit_log"),
    path("auditoria/exportar.csv", audit.audit_export, name="audit_export"),
    path(
        "moderacion/metricas/",
        moderation_metrics.moderation_metrics_page,
        name="moderation_metrics",
    ),
]

# Operations: background work that waits or failed, for coordinators.
from .views.staff import operations  # noqa: E402 - appended section

urlpatterns += [
    path("operacion/", operations.operations, name="operations"),
    path(
        "operacion/<slug:kind>/<int:pk>/reintentar/",
        operations.operations_retry,
        name="operations_retry",
    ),
]

from .views.staff import orders  # noqa: E402 - appended section, kept with its routes

urlpatterns += [
    path("pedidos/", orders.order_list, name="orders"),
]

# Payments that wait for staff: refunds owed to buyers and flagged or stuck payments.
from .views.staff import payments  # noqa: E402 - appended section, kept with its routes

urlpatterns += [
    path("reembolsos/", payments.refunds_due, name="refunds_due"),
    path("reembolsos/<int:refund_id>/hecho/", payments.refund_done, name="refund_done"),
    path("pagos/revisar/", payments.payments_attention, name="payments_attention"),
    path("pagos/<int:payment_id>/reembolsar/", payments.payment_refund, name="payment_refund"),
]
