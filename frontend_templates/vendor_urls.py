from django.urls import path

from .views import onboarding, vendor_dashboard, vendors_public

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
